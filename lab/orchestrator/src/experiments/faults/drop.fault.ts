import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, labId, processExists } from '@journey/platform';
import { cuttableProxy } from '@journey/provisioning';
import type { FaultSpec } from '@journey/topology';
import { type Fault, FaultRefused, type FaultSetting } from './fault.js';
import { startHaproxyRelay } from './haproxy-relay.js';
import { infrastructureServer } from './infrastructure-server.js';
import {
  connectsWaiting,
  createNamespace,
  type DropCounts,
  deleteRuleset,
  dropRuleset,
  inNamespace,
  loadRuleset,
  readDropCounts,
  removeLeftovers,
  requireNamespaceTools,
  SMALLEST_DROP_SHARE,
  teardown,
} from './network-namespace.js';

/**
 * The kernel resends an unanswered SYN 1, 3, 7, 15… s after the first and gives up after about two
 * minutes (tcp_syn_retries 6): no connect the drop held back waits longer than that.
 */
const HELD_BACK_PATIENCE_MS = 130_000;

/**
 * A share of new connections to the infrastructure's server dropped. The processes reach it through
 * a network namespace the lab creates: an HAProxy inside it listens on the namespace's address and
 * relays back over the veth to a relay on the host's end, which reaches the server on loopback. While
 * injected, an nftables rule in the namespace drops that share of SYNs to HAProxy's port, counting
 * them; the open connections are cut as it goes in, so the processes must connect anew, as after a
 * network blip.
 */
export async function dropFault(
  { name, share }: Extract<FaultSpec, { kind: 'drop' }>,
  setting: FaultSetting,
): Promise<Fault> {
  if (!(share >= SMALLEST_DROP_SHARE && share <= 1))
    throw new FaultRefused(
      `a drop's share is between ${SMALLEST_DROP_SHARE} and 1 (nftables draws whole percents), not ${share}`,
    );
  requireNamespaceTools();
  const server = await infrastructureServer(name, setting);
  await removeLeftovers(processExists);
  const namespace = await createNamespace(labId());
  // A run ended by an uncaught error or a second Ctrl-C still takes its namespace with it (SIGKILL
  // does not: the next drop removes what it left).
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
    let counts: DropCounts | undefined;
    let heldBack: { connects: number; ms: number } | undefined;
    return {
      injecting: `dropping ${percent}% of new connections to ${name} (nftables in ${namespace.name})`,
      lifting: `letting every connection to ${name} through, then waiting for the connects it held back`,
      during: `with ${percent}% of new connections to ${name} dropped`,
      afterwards: `after connections to ${name} went through again`,
      servers: server.through(namespace.namespaceAddress, port),
      probeUrl: async (publicUrl) => publicUrl,
      async inject() {
        await loadRuleset(namespace, dropRuleset(port, share));
        cutAtInjection = hostRelay.connections();
        hostRelay.cut();
      },
      async lift() {
        counts = await readDropCounts(namespace);
        await deleteRuleset(namespace);
        // Taken once the rule is gone: every connect still waiting had a SYN dropped.
        const waiting = await connectsWaiting(namespace.namespaceAddress, port);
        heldBack = {
          connects: waiting.size,
          ms: await untilThrough(waiting, namespace.namespaceAddress, port),
        };
      },
      findings: () => [
        `${cutAtInjection} open connections to ${server.choice} cut as the drop began`,
        ...(counts
          ? [
              `nftables dropped ${counts.dropped} of ${counts.seen} SYNs to ${name} (each resent by the kernel)`,
            ]
          : []),
        ...(heldBack && heldBack.connects > 0
          ? [
              `${heldBack.connects === 1 ? '1 connect' : `${heldBack.connects} connects`} held back by a dropped SYN went through ${heldBack.ms} ms after the lift`,
            ]
          : []),
      ],
      problems: () => [
        ...(cutAtInjection === 0
          ? [`no process was connected to ${name} through the namespace: nothing was cut`]
          : []),
        ...(counts?.dropped === 0
          ? [
              `nftables dropped none of the ${counts.seen} SYNs to ${name}: the fault never showed (a larger share or a longer fault would)`,
            ]
          : []),
      ],
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Lifting the rule does not hurry a connect whose SYN it dropped: the kernel resends it on its own
 * clock, seconds later, while the pool's queries wait behind it. Until every connect waiting at the
 * lift has gone through (or been given up), the copy has not recovered; answers the ms it took.
 */
async function untilThrough(waiting: Set<string>, address: string, port: number): Promise<number> {
  const started = performance.now();
  const deadline = started + HELD_BACK_PATIENCE_MS;
  let still = waiting;
  while (still.size > 0 && performance.now() < deadline) {
    await sleep(50);
    const now = await connectsWaiting(address, port);
    still = new Set([...still].filter((connect) => now.has(connect)));
  }
  return Math.round(performance.now() - started);
}
