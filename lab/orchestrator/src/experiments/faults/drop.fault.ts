import { execFileSync } from 'node:child_process';
import { freePort, labId } from '@journey/platform';
import { cuttableProxy } from '@journey/provisioning';
import type { FaultSpec } from '@journey/topology';
import type { Fault, FaultSetting } from './fault.js';
import { startHaproxyRelay } from './haproxy-relay.js';
import { infrastructureServer } from './infrastructure-server.js';
import {
  createNamespace,
  deleteRuleset,
  dropRuleset,
  inNamespace,
  loadRuleset,
  removeLeftovers,
  requireNamespaceTools,
  teardown,
} from './network-namespace.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A share of new connections to the infrastructure's server dropped. The processes reach it through
 * a network namespace the lab creates: an HAProxy inside it listens on the namespace's address and
 * relays back over the veth to a relay on the host's end, which reaches the server on loopback. While
 * injected, an nftables rule in the namespace drops that share of SYNs to HAProxy's port; the open
 * connections are cut as it goes in, so the processes must connect anew, as after a network blip.
 */
export async function dropFault(
  { name, share }: Extract<FaultSpec, { kind: 'drop' }>,
  setting: FaultSetting,
): Promise<Fault> {
  requireNamespaceTools();
  const server = await infrastructureServer(name, setting);
  const lab = labId();
  await removeLeftovers(lab, alive);
  const namespace = await createNamespace(lab);
  // A run ended by a signal or an uncaught error still takes its namespace with it.
  const onExit = () => {
    for (const argv of namespace.teardown) {
      try {
        execFileSync('ip', argv, { stdio: 'ignore' });
      } catch {}
    }
  };
  process.once('exit', onExit);
  const closers: Array<() => Promise<unknown>> = [async () => teardown(namespace)];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
    process.off('exit', onExit);
  };
  try {
    const hostRelay = await cuttableProxy(server.target, namespace.hostAddress);
    closers.push(hostRelay.close);
    const port = await freePort();
    const relay = await startHaproxyRelay({
      listen: { host: namespace.namespaceAddress, port },
      target: { host: namespace.hostAddress, port: hostRelay.port },
      runIn: inNamespace(namespace),
    });
    closers.push(relay.close);
    const percent = Math.round(share * 100);
    let cutAtInjection = 0;
    return {
      injecting: `dropping ${percent}% of new connections to ${name} (nftables in ${namespace.name})`,
      lifting: `letting every connection to ${name} through`,
      during: `with ${percent}% of new connections to ${name} dropped`,
      afterwards: `after connections to ${name} went through again`,
      servers: server.through(namespace.namespaceAddress, port),
      probeUrl: async (publicUrl) => publicUrl,
      async inject() {
        await loadRuleset(namespace, dropRuleset(port, share));
        cutAtInjection = hostRelay.connections();
        hostRelay.cut();
      },
      lift: () => deleteRuleset(namespace),
      findings: () => [`${cutAtInjection} open connections to ${server.choice} cut as the drop began`],
      problems: () =>
        cutAtInjection === 0
          ? [`no process was connected to ${name} through the namespace: nothing was dropped`]
          : [],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
