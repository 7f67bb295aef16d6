import type { BenchRow } from './bench-rows.js';

/**
 * The three ways a pattern can trace (env names from packages/telemetry/src/settings.ts): each variant
 * is its own start of the pattern on the same database, so only tracing differs between their rows.
 */
export const TRACING_VARIANTS = [
  { key: 'off', label: 'tracing off', env: { JOURNEY_TRACING: 'off' } },
  { key: 'unsampled', label: 'tracing on, unsampled', env: { JOURNEY_TRACE_SAMPLE_RATIO: '0' } },
  {
    key: 'sampled',
    label: 'tracing on, every request sampled',
    // The per-second cap would otherwise stop recording a few hundred requests into each second.
    env: { JOURNEY_TRACE_SAMPLE_RATIO: '1', JOURNEY_TRACES_PER_SECOND: String(2 ** 31 - 1) },
  },
] as const;

export type TracingVariant = (typeof TRACING_VARIANTS)[number];

/** The target name of a pattern started with one variant: `monolith (tracing off)`. */
export const tracingTarget = (pattern: string, variant: TracingVariant) => `${pattern} (${variant.label})`;

/** What tracing costs one endpoint of one pattern, from the CPU per request of its three variants. */
export interface TracingCost {
  pattern: string;
  endpoint: string;
  offMicros: number;
  unsampledMicros: number;
  sampledMicros: number;
  /** The share of an unsampled request's CPU that tracing takes: (unsampled − off) / unsampled. */
  unsampledShare: number;
  /** The same for a request whose spans are all recorded. */
  sampledShare: number;
}

/** Tracing's cost for every pattern whose three variant rows were measured with CPU figures. */
export function tracingCosts(rows: readonly BenchRow[], patterns: readonly string[]): TracingCost[] {
  const costs: TracingCost[] = [];
  for (const pattern of patterns) {
    const [off, unsampled, sampled] = TRACING_VARIANTS.map(
      (variant) => rows.find((row) => row.target === tracingTarget(pattern, variant))?.cpuMicrosPerRequest,
    );
    const endpoint = rows.find((row) => row.target === tracingTarget(pattern, TRACING_VARIANTS[0]))?.endpoint;
    if (off === undefined || unsampled === undefined || sampled === undefined || endpoint === undefined)
      continue;
    costs.push({
      pattern,
      endpoint,
      offMicros: off,
      unsampledMicros: unsampled,
      sampledMicros: sampled,
      unsampledShare: unsampled > 0 ? (unsampled - off) / unsampled : 0,
      sampledShare: sampled > 0 ? (sampled - off) / sampled : 0,
    });
  }
  return costs;
}
