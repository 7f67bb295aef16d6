import { cuttableProxy } from '@journey/provisioning';
import type { FaultSpec } from '@journey/topology';
import type { Fault, FaultSetting } from './fault.js';
import { infrastructureServer } from './infrastructure-server.js';

/**
 * The processes lose their connection to a piece of infrastructure while its server keeps running:
 * a TCP proxy the lab puts in front of the server drops every connection and refuses new ones until
 * the fault is lifted. The machine's server is never stopped, so nothing else that uses it notices.
 */
export async function cutInfrastructureFault(
  { name }: Extract<FaultSpec, { kind: 'cut-infrastructure' }>,
  setting: FaultSetting,
): Promise<Fault> {
  const server = await infrastructureServer(name, setting);
  const proxy = await cuttableProxy(server.target);
  let connectedAtCut = 0;
  return {
    injecting: `cutting ${name} off (its ${server.choice} server keeps running)`,
    lifting: `letting ${name} back in`,
    during: `with ${name} cut off`,
    afterwards: `after ${name} came back`,
    servers: server.through('127.0.0.1', proxy.port),
    probeUrl: async (publicUrl) => publicUrl,
    async inject() {
      connectedAtCut = proxy.connections();
      proxy.goDown();
    },
    async lift() {
      proxy.comeBack();
    },
    findings: () => [`${connectedAtCut} connections to ${server.choice} dropped by the cut`],
    // A copy that reached its server some other way would show a fault that never happened.
    problems: () =>
      connectedAtCut === 0 ? [`no process was connected to ${name} through the proxy: nothing was cut`] : [],
    async close() {
      proxy.comeBack();
      await proxy.close();
    },
  };
}
