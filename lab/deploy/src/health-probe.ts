import type { PlannedProcess } from './deployment-plan.js';

/**
 * A health check with what the image has: Node's fetch (the slim image has no curl or wget), against
 * the process's `health` path on the port it answers health on (the admin port of a meshed pod).
 */
export const healthCommand = (process: PlannedProcess) => [
  'node',
  '-e',
  `fetch('http://127.0.0.1:${process.adminPort ?? process.port}${process.spec.health}').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
];
