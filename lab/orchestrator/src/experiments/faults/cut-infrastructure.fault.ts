import { choiceFor, cuttableProxy, type InfrastructureKind, infrastructureKind } from '@journey/provisioning';
import type { FaultSpec } from '@journey/topology';
import { type Fault, FaultRefused, type FaultSetting } from './fault.js';

/**
 * The processes lose their connection to a piece of infrastructure while its server keeps running:
 * a TCP proxy the lab puts in front of the server drops every connection and refuses new ones until
 * the fault is lifted. The machine's server is never stopped, so nothing else that uses it notices.
 */
export async function cutInfrastructureFault(
  { name }: Extract<FaultSpec, { kind: 'cut-infrastructure' }>,
  { topology, choices }: FaultSetting,
): Promise<Fault> {
  const spec = topology.infrastructure.find((piece) => piece.name === name)!;
  const kind = infrastructureKind(spec.kind);
  const choice = choiceFor(kind, choices, spec);
  const server = await kind.defaultServerUrl?.(choice);
  if (server === undefined) throw new FaultRefused(await noConnectionToCut(name, kind, choice));

  const address = new URL(server);
  const proxy = await cuttableProxy({ host: address.hostname, port: Number(address.port) });
  address.hostname = '127.0.0.1';
  address.port = String(proxy.port);
  let connectedAtCut = 0;
  return {
    injecting: `cutting ${name} off (its ${choice} server keeps running)`,
    lifting: `letting ${name} back in`,
    during: `with ${name} cut off`,
    afterwards: `after ${name} came back`,
    servers: { [spec.kind]: address.toString() },
    probeUrl: async (publicUrl) => publicUrl,
    async inject() {
      connectedAtCut = proxy.connections();
      proxy.goDown();
    },
    async lift() {
      proxy.comeBack();
    },
    findings: () => [`${connectedAtCut} connections to ${choice} dropped by the cut`],
    // A copy that reached its server some other way would show a fault that never happened.
    problems: () =>
      connectedAtCut === 0 ? [`no process was connected to ${name} through the proxy: nothing was cut`] : [],
    async close() {
      proxy.comeBack();
      await proxy.close();
    },
  };
}

async function noConnectionToCut(name: string, kind: InfrastructureKind, choice: string): Promise<string> {
  const servers: string[] = [];
  for (const other of kind.choices)
    if ((await kind.defaultServerUrl?.(other)) !== undefined) servers.push(`--${kind.flag} ${other}`);
  return (
    `the ${kind.kind} "${name}" runs as "${choice}": a file the processes open on this machine, with no ` +
    `connection to cut.${servers.length > 0 ? ` Run the experiment on a server: ${servers.join(' or ')}.` : ''}`
  );
}
