import { type Trace, traceDurationUs } from './trace-tree.js';

/** The last `count` of traces sorted by start, newest first. */
export const latestTraces = (traces: Trace[], count: number) => traces.slice(-count).reverse();

export const slowestTrace = (traces: Trace[]) =>
  traces.reduce<Trace | undefined>(
    (slowest, trace) => (!slowest || traceDurationUs(trace) > traceDurationUs(slowest) ? trace : slowest),
    undefined,
  );

/** A trace by its full id or a prefix of it; undefined when none matches, or the prefix is ambiguous. */
export function findTrace(traces: Trace[], id: string): Trace | undefined {
  const wanted = id.toLowerCase();
  const matches = traces.filter((trace) => trace.traceId.startsWith(wanted));
  return matches.length === 1 ? matches[0] : matches.find((trace) => trace.traceId === wanted);
}
