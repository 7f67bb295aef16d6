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
