import type { TrafficReport } from '@journey/topology';
import { sidecarPids } from '../../sidecar/src/haproxy-runtime.js';
import type { MeshControl } from './mesh-control.js';
import { processFigures } from './process-figures.js';
import type { TrafficWindow } from './traffic-window.js';

/** `GET /traffic`: the edges as the sidecars' access logs tell them, and what each sidecar costs. */
export async function trafficReport(control: MeshControl, window: TrafficWindow): Promise<TrafficReport> {
  const proxies = await Promise.all(
    control.registeredPods().map(async ({ registration, config, certificate }) => {
      const pids = await sidecarPids(config.sockets.master).catch(() => []);
      return {
        process: registration.process,
        identity: certificate.identity,
        ...(await processFigures(pids)),
      };
    }),
  );
  return {
    source: 'HAProxy sidecars (access logs over UDP, /proc), read by mesh-control',
    windowSeconds: window.windowMs / 1_000,
    proxies,
    edges: window.report(),
  };
}
