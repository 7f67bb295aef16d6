import type { LoadResult } from './load.js';

export interface BenchRow {
  target: string;
  endpoint: string;
  /** Throughput and latencies of the round with the best throughput. */
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  peakRssBytes: number;
  processes: number;
  failures: number;
  total: number;
  /** CPU time of every process of the target per completed request, over all rounds, in µs. */
  cpuMicrosPerRequest?: number;
  /** Throughput of the best, median and worst round: how much one figure can be trusted. */
  spread?: { best: number; median: number; worst: number };
  /** Throughput as a share of the baseline this row is read against: (b) for reads, (c) for writes. */
  versus?: { baseline: BaselineName; share: number };
}

export type BaselineName = '(b)' | '(c)';

/** What one round of one row measured. */
export interface RoundFigures extends LoadResult {
  peakRssBytes: number;
  /** CPU seconds the target's processes spent during the measured load. */
  cpuSeconds: number;
}

const median = (sorted: number[]) => {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * A row from its rounds: throughput and latency from the best round (the one least disturbed by
 * whatever else the shared machine ran), failures, totals and CPU summed over all of them, memory at
 * its peak, and the spread of throughput so the best round is not read alone.
 */
export function rowOfRounds(
  target: { name: string; processes: number },
  endpoint: string,
  rounds: readonly RoundFigures[],
): BenchRow {
  if (rounds.length === 0) throw new Error(`no rounds measured for ${target.name} ${endpoint}`);
  const best = rounds.reduce((a, b) => (b.requestsPerSec > a.requestsPerSec ? b : a));
  const throughputs = rounds.map((r) => r.requestsPerSec).sort((a, b) => a - b);
  const total = rounds.reduce((sum, r) => sum + r.total, 0);
  const cpuSeconds = rounds.reduce((sum, r) => sum + r.cpuSeconds, 0);
  return {
    target: target.name,
    endpoint,
    requestsPerSec: best.requestsPerSec,
    p50Ms: best.p50Ms,
    p99Ms: best.p99Ms,
    peakRssBytes: Math.max(...rounds.map((r) => r.peakRssBytes)),
    processes: target.processes,
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    total,
    ...(total > 0 && { cpuMicrosPerRequest: (cpuSeconds / total) * 1e6 }),
    spread: { best: throughputs.at(-1)!, median: median(throughputs), worst: throughputs[0]! },
  };
}

/** A write changes data: POST, PUT, PATCH, DELETE. Rows name their endpoint "<method> <path>". */
export const isWriteEndpoint = (endpoint: string) => !/^(GET|HEAD) /.test(endpoint);

/**
 * Every row's throughput as a share of its floor measured in the same run: a read against (b), the
 * raw read of twenty rows, a write against (c), the raw insert of one. A row whose baseline did not
 * run (PostgreSQL, no single-database pattern) has no share.
 */
export function withBaselineShares(
  rows: readonly BenchRow[],
  baselines: { read?: BenchRow; write?: BenchRow },
): BenchRow[] {
  return rows.map((row) => {
    const [baseline, against]: [BaselineName, BenchRow | undefined] = isWriteEndpoint(row.endpoint)
      ? ['(c)', baselines.write]
      : ['(b)', baselines.read];
    if (!against || against.requestsPerSec <= 0) return row;
    return { ...row, versus: { baseline, share: row.requestsPerSec / against.requestsPerSec } };
  });
}
