import { join } from 'node:path';

/**
 * Where mesh-control keeps the mesh under the run's directory (`$JOURNEY_RUN_DIR/mesh/`): the pods
 * find their files there, and a restarted mesh-control finds its CA, policy and pods again.
 */
export function meshLayout(runDir: string) {
  const root = join(runDir, 'mesh');
  const podDir = (process: string) => join(root, 'pods', process);
  return {
    root,
    caDir: join(root, 'ca'),
    /** The policy last applied: mesh-control starts from it when present. */
    policyFile: join(root, 'policy.yaml'),
    registryFile: join(root, 'registry.json'),
    podDir,
    pod: (process: string) => ({
      configFile: join(podDir(process), 'haproxy.cfg'),
      certificateFile: join(podDir(process), 'cert.pem'),
      runtimeSocket: join(podDir(process), 'runtime.sock'),
      masterSocket: join(podDir(process), 'master.sock'),
    }),
  };
}

export type MeshLayout = ReturnType<typeof meshLayout>;

/**
 * A unix socket's path must fit sun_path (108 bytes), and HAProxy binds each under a temporary name
 * first (`<path>.<pid>.tmp`): it refuses a socket path longer than this.
 */
const LONGEST_SOCKET_PATH = 97;

/**
 * Why the pods' sockets cannot live under this run's directory, if they cannot: said when mesh-control
 * starts, rather than as HAProxy's refusal of a pod's file when that pod starts.
 */
export function socketPathProblem(layout: MeshLayout, processes: readonly string[]): string | undefined {
  const longest = processes
    .flatMap((process) => Object.values(layout.pod(process)).filter((file) => file.endsWith('.sock')))
    .reduce((longest, path) => (Buffer.byteLength(path) > Buffer.byteLength(longest) ? path : longest), '');
  const length = Buffer.byteLength(longest);
  if (length <= LONGEST_SOCKET_PATH) return undefined;
  return (
    `the run directory is too long for the sidecars' unix sockets: ${longest} is ${length} bytes, ` +
    `HAProxy takes at most ${LONGEST_SOCKET_PATH}; give JOURNEY_RUN_DIR a path ${length - LONGEST_SOCKET_PATH} bytes shorter`
  );
}
