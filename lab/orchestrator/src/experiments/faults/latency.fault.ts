import { freePort } from '@journey/platform';
import type { FaultSpec } from '@journey/topology';
import type { Fault, FaultSetting } from './fault.js';
import { startHaproxyRelay } from './haproxy-relay.js';
import { infrastructureServer } from './infrastructure-server.js';

/**
 * A slow dependency: the processes reach the infrastructure's server through an HAProxy whose Lua
 * filter holds what they send for `ms` once the fault is injected (set at run time on its runtime
 * API, so open pooled connections slow down too), and passes it on at once after it is lifted.
 */
export async function latencyFault(
  { name, ms }: Extract<FaultSpec, { kind: 'latency' }>,
  setting: FaultSetting,
): Promise<Fault> {
  const server = await infrastructureServer(name, setting);
  const port = await freePort();
  const relay = await startHaproxyRelay({
    listen: { host: '127.0.0.1', port },
    target: server.target,
    delayFilter: true,
  });
  return {
    injecting: `slowing ${name} by ${ms} ms per round trip (HAProxy Lua delay)`,
    lifting: `letting ${name} answer at full speed`,
    during: `with ${name} ${ms} ms slower`,
    afterwards: `after ${name} was fast again`,
    servers: server.through('127.0.0.1', port),
    probeUrl: async (publicUrl) => publicUrl,
    inject: () => relay.setDelay(ms),
    lift: () => relay.setDelay(0),
    findings: () => [],
    problems: () => [],
    close: relay.close,
  };
}
