import type { PlannedProcess } from './deployment-plan.js';

/**
 * A health check with what the image has: Node's fetch (the slim image has no curl or wget), against
 * the process's `health` path on the port it answers health on (the admin port of a meshed pod).
 *
 * The same argv must work run as it is (compose's `CMD`, a kubelet's exec probe) and joined with
 * spaces under `/bin/sh -c`, which is how podman 4.3 runs a Kubernetes exec probe. So the script has
 * no single quote and is wrapped in `/*'*\/ … /*'*\/`: run as it is, those are two JavaScript
 * comments; under sh, the quotes make the script one word and vanish, leaving two empty comments.
 */
export const healthCommand = (process: PlannedProcess) => [
  'node',
  '-e',
  `/*'*/fetch("http://127.0.0.1:${process.adminPort ?? process.port}${process.spec.health}").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))/*'*/`,
];
