import { type ChaosKind, type FaultSpec, isRequestResponse, type Topology } from '@journey/topology';

/** One chaos fault in the lab's vocabulary: `kill app`, `latency db --ms 200`, `drop db --share 0.3`, `away broker --seconds 5`. */
export interface ChaosRequest {
  kind: ChaosKind;
  /** A process (kill) or a piece of infrastructure (latency, drop, away), by name. */
  target: string;
  /** latency: added to every round trip to the target. */
  ms?: number;
  /** drop: the share of new connections dropped, 0…1. */
  share?: number;
  /** kill: SIGKILL (a crash, the default) or SIGTERM (a graceful stop). */
  signal?: 'SIGKILL' | 'SIGTERM';
}

export const DEFAULT_LATENCY_MS = 200;
/** Edge protocols whose sender does not wait for the other end: events through a broker. */
const ASYNCHRONOUS: readonly string[] = ['events', 'amqp', 'nats'];
export const DEFAULT_DROP_SHARE = 0.3;
export { SMALLEST_DROP_SHARE } from '../experiments/faults/network-namespace.js';

/** What each kind may be aimed at in a topology: kill any process, the rest at its infrastructure. */
export function chaosTargets(topology: Topology): Record<ChaosKind, string[]> {
  const processes = topology.processes.map((p) => p.name);
  const infrastructure = topology.infrastructure.map((i) => i.name);
  return { kill: processes, latency: infrastructure, drop: infrastructure, away: infrastructure };
}

/** The fault the lab's experiments inject for a chaos request (away is the infrastructure cut). */
export function faultFor(request: ChaosRequest): FaultSpec {
  switch (request.kind) {
    case 'kill':
      return { kind: 'kill', processes: [request.target], signal: request.signal ?? 'SIGKILL' };
    case 'latency':
      return { kind: 'latency', name: request.target, ms: request.ms ?? DEFAULT_LATENCY_MS };
    case 'drop':
      return { kind: 'drop', name: request.target, share: request.share ?? DEFAULT_DROP_SHARE };
    case 'away':
      return { kind: 'cut-infrastructure', name: request.target };
  }
}

/**
 * The processes a fault on `target` reaches: for a process, itself; for a piece of infrastructure,
 * every piece on the same server (the fault sits in front of the server) and the processes that wait
 * on them; then, transitively, every process that calls one of those and waits for its answer.
 * Event consumers are left out: a publisher does not wait for them.
 */
export function reachedProcesses(topology: Topology, request: ChaosRequest): string[] {
  const reached = new Set<string>();
  if (request.kind === 'kill') reached.add(request.target);
  else {
    const pieces = new Set(onTheSameServer(topology, request.target));
    // A process waits on a piece it queries (`sql`), not on a broker it hands events to or consumes
    // from: those edges are asynchronous. A piece it uses with no edge drawn counts as waited on.
    for (const process of topology.processes)
      for (const piece of (process.uses ?? []).filter((use) => pieces.has(use))) {
        const between = topology.edges.filter(
          (e) => (e.from === process.name && e.to === piece) || (e.from === piece && e.to === process.name),
        );
        if (between.length === 0 || between.some((e) => !ASYNCHRONOUS.includes(e.protocol)))
          reached.add(process.name);
      }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const edge of topology.edges)
      if (
        (isRequestResponse(edge.protocol) || edge.protocol === 'proxy') &&
        reached.has(edge.to) &&
        edge.from !== 'client' &&
        !reached.has(edge.from)
      ) {
        reached.add(edge.from);
        grew = true;
      }
  }
  return topology.processes.map((p) => p.name).filter((name) => reached.has(name));
}

/** The pieces of infrastructure on the target's server: every piece of its kind (one PostgreSQL, one broker). */
export function onTheSameServer(topology: Topology, target: string): string[] {
  const kind = topology.infrastructure.find((i) => i.name === target)?.kind;
  return topology.infrastructure.filter((i) => i.kind === kind).map((i) => i.name);
}
