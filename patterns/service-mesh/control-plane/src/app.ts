import type { Logger } from '@journey/platform';
import { INGRESS_CALLER } from '../../sidecar/src/access-log.js';
import { openAccessLogReceiver } from './access-log-receiver.js';
import { createControlPlaneServer } from './control-plane-server.js';
import { MeshControl } from './mesh-control.js';
import { meshControlRoutes } from './mesh-control.routes.js';
import { meshLayout } from './mesh-layout.js';
import { meshStatus } from './mesh-status.js';
import { scheduleRotation } from './rotation-schedule.js';
import { trafficReport } from './traffic.js';
import { TrafficWindow } from './traffic-window.js';

/** The golden signals are over the last 30 s: long enough to smooth a probe's pace, short enough to see a change. */
const TRAFFIC_WINDOW_MS = 30_000;

export interface MeshControlSettings {
  /** The run's directory; the mesh lives in its `mesh/` (mesh-layout.ts). */
  runDir: string;
  /** The policy to start from when the run has applied none. */
  defaultPolicyFile: string;
}

/**
 * mesh-control, built but not listening: its CA and policy opened, the pods of a previous run of it
 * known again (and pointed at its access-log socket), the certificates' rotation scheduled.
 */
export async function buildMeshControl(log: Logger, settings: MeshControlSettings) {
  const control = await MeshControl.open({
    layout: meshLayout(settings.runDir),
    defaultPolicyFile: settings.defaultPolicyFile,
    log,
  });
  const window = new TrafficWindow(TRAFFIC_WINDOW_MS);
  // Any local process may write to the UDP port: a line naming no pod of the mesh is nobody's edge,
  // and would stay in the window's memory for as long as mesh-control runs.
  const known = new Set([
    INGRESS_CALLER,
    ...control.declaredPods.flatMap((pod) => [pod.process, pod.service]),
  ]);
  const receiver = await openAccessLogReceiver((entry) => {
    if (known.has(entry.from) && known.has(entry.to)) window.record(entry);
  }, control.previousAccessLogPort);
  try {
    const reconfigured = await control.useAccessLog(receiver.address);
    const reloaded = reconfigured.filter((pod) => pod.reloaded !== null).map((pod) => pod.process);
    if (reloaded.length > 0)
      log.info({ pods: reloaded, accessLog: receiver.address }, 'pods pointed at the new access-log port');
  } catch (error) {
    await receiver.close();
    throw error;
  }
  const stopRotation = scheduleRotation(control, log);
  const app = createControlPlaneServer(log);
  meshControlRoutes(app, control, {
    status: () => meshStatus(control),
    traffic: () => trafficReport(control, window),
  });
  return {
    app,
    control,
    accessLog: receiver.address,
    async close() {
      stopRotation();
      await app.close();
      await receiver.close();
    },
  };
}
