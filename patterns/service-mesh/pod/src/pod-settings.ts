import { processUrlEnv } from '@journey/topology';
import type { MeshUpstream } from '../../topology.js';

/** What the lab hands a pod, read and checked before anything starts. */
export interface PodSettings {
  /** The topology process this pod is (`articles-v2`). */
  process: string;
  service: string;
  version: string;
  ingress: boolean;
  /** Where the lab probes the pod's health, forwarded by the sidecar to this path of the service. */
  healthPath: string;
  /** The pod's port (PORT): the sidecar's inbound. */
  inboundPort: number;
  adminPort: number;
  controlUrl: string;
  /** Every version of every service it calls, with the address the lab gave it. */
  upstreams: (MeshUpstream & { host: string; port: number })[];
  /** The service's own command: what follows `--`, with `node` meaning this very Node binary. */
  appCommand: string[];
}

export class PodSettingsError extends Error {
  override name = 'PodSettingsError';
}

export function readPodSettings(env: NodeJS.ProcessEnv, argv: string[]): PodSettings {
  const required = (name: string) => {
    const value = env[name];
    if (!value)
      throw new PodSettingsError(
        `${name} is not set: a pod is started by the lab, from the service-mesh topology`,
      );
    return value;
  };
  const port = (name: string) => {
    const value = Number(required(name));
    if (!Number.isInteger(value) || value < 1 || value > 65_535) {
      throw new PodSettingsError(`${name} must be a port number, got ${JSON.stringify(env[name])}`);
    }
    return value;
  };
  const healthPath = required('MESH_APP_HEALTH');
  if (!healthPath.startsWith('/'))
    throw new PodSettingsError(`MESH_APP_HEALTH must be a path, got ${JSON.stringify(healthPath)}`);
  return {
    process: required('MESH_PROCESS'),
    service: required('MESH_SERVICE'),
    version: required('MESH_VERSION'),
    ingress: env.MESH_INGRESS === 'true',
    healthPath,
    inboundPort: port('PORT'),
    adminPort: port('ADMIN_PORT'),
    controlUrl: required('MESH_CONTROL_URL'),
    upstreams: upstreams(required('MESH_UPSTREAMS'), env),
    appCommand: appCommand(argv),
  };
}

function upstreams(json: string, env: NodeJS.ProcessEnv): PodSettings['upstreams'] {
  let declared: MeshUpstream[];
  try {
    declared = JSON.parse(json) as MeshUpstream[];
  } catch {
    throw new PodSettingsError(`MESH_UPSTREAMS is not JSON: ${json}`);
  }
  return declared.map((upstream) => {
    const variable = processUrlEnv(upstream.process);
    const url = env[variable];
    if (!url) throw new PodSettingsError(`${variable} is not set: where does ${upstream.process} listen?`);
    const { hostname, port } = new URL(url);
    return { ...upstream, host: hostname, port: Number(port) };
  });
}

function appCommand(argv: string[]): string[] {
  const separator = argv.indexOf('--');
  const command = separator === -1 ? [] : argv.slice(separator + 1);
  if (command.length === 0) throw new PodSettingsError('no service command: pod/src/main.ts -- <command…>');
  return command[0] === 'node' ? [process.execPath, ...command.slice(1)] : command;
}
