/** How a set of call latencies is spread, as the experiments and the bench print it. */
export interface LatencyDistribution {
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The nearest-rank percentile: a latency some call really took, never an interpolation between two. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) throw new RangeError('no latencies to take a percentile of');
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function distribution(latenciesMs: readonly number[]): LatencyDistribution {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (fraction: number) => Math.round(percentile(sorted, fraction));
  return {
    count: sorted.length,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: Math.round(sorted.at(-1)!),
  };
}

export const describeDistribution = ({ count, p50Ms, p90Ms, p99Ms, maxMs }: LatencyDistribution) =>
  `${count} calls: p50 ${p50Ms} ms, p90 ${p90Ms} ms, p99 ${p99Ms} ms, max ${maxMs} ms`;

/**
 * An ASCII histogram over equal-width buckets from the fastest to the slowest call, one line a bucket:
 * `  812–1 034 ms │████████ 9`. A cold-start storm is bimodal (warm answers, then the cold ones), which
 * percentiles alone hide.
 */
export function histogram(latenciesMs: readonly number[], buckets = 8, barWidth = 30): string[] {
  if (latenciesMs.length === 0) return [];
  const low = Math.floor(Math.min(...latenciesMs));
  const high = Math.ceil(Math.max(...latenciesMs));
  const width = Math.max(1, Math.ceil((high - low + 1) / buckets));
  const counts = new Array<number>(buckets).fill(0);
  for (const ms of latenciesMs) counts[Math.min(buckets - 1, Math.floor((ms - low) / width))]! += 1;
  const most = Math.max(...counts);
  const labels = counts.map((_, i) => `${low + i * width}–${low + (i + 1) * width} ms`);
  const labelWidth = Math.max(...labels.map((label) => label.length));
  return counts.map((count, i) => {
    const bar = '█'.repeat(Math.round((count / most) * barWidth));
    return `${labels[i]!.padStart(labelWidth)} │${bar} ${count}`.trimEnd();
  });
}
