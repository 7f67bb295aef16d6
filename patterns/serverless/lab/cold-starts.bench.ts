import { type CostEstimate, type PatternBench, textColumns } from '@journey/topology';
import { type BurstCall, dealCalls, fireBurst, statusCounts, succeeded } from './burst.js';
import { readsOf, registerReader } from './conduit-reads.js';
import {
  costTable,
  type FunctionFigures,
  functionFigures,
  p50p99,
  readFunctionsReport,
  runtimeUrlOf,
  totalsOf,
} from './functions-report.js';
import { describeDistribution, distribution, histogram, type LatencyDistribution } from './latency.js';

/** Warm calls per function after the burst, one after another, each finding an instance already up. */
export const WARM_CALLS_PER_FUNCTION = 20;

export interface ColdStartFigures {
  starts: number;
  /** The burst of first calls, as the client saw it. */
  cold: LatencyDistribution;
  coldHistogram: string[];
  coldStatuses: string;
  /** The calls after it, one at a time per function. */
  warm: LatencyDistribution;
  warmStatuses: string;
  /** Per function, as the runtime measured its invocations (cold and warm p50/p99, instances). */
  functions: FunctionFigures[];
  coldStarts: number;
  peakInstances: number;
  /** The month's bill at the measured warm duration; null when the runtime measured none. */
  cost: CostEstimate | null;
}

/** One call after another on each function, the functions side by side. */
async function warmCalls(baseUrl: string, kinds: readonly BurstCall[]) {
  const perFunction = await Promise.all(
    kinds.map(async (kind) => {
      const outcomes = [];
      for (let i = 0; i < WARM_CALLS_PER_FUNCTION; i++) outcomes.push(...(await fireBurst(baseUrl, [kind])));
      return outcomes;
    }),
  );
  return perFunction.flat();
}

export function coldStartText(figures: ColdStartFigures): string {
  const rows = figures.functions.map((unit) => [
    unit.name,
    String(unit.peakInstances),
    String(unit.coldStarts),
    p50p99(unit.cold),
    p50p99(unit.warm),
  ]);
  return [
    `cold: ${figures.starts} concurrent first calls on a fresh runtime, ${describeDistribution(figures.cold)} (${figures.coldStatuses})`,
    ...figures.coldHistogram.map((line) => `  ${line}`),
    `warm: ${WARM_CALLS_PER_FUNCTION} calls a function one after another, ${describeDistribution(figures.warm)} (${figures.warmStatuses})`,
    '',
    `inside the runtime: ${figures.coldStarts} cold starts, ${figures.peakInstances} instances at the peak`,
    ...textColumns([
      ['FUNCTION', 'INSTANCES', 'COLD STARTS', 'COLD p50/p99 ms', 'WARM p50/p99 ms'],
      ...rows,
    ]).map((line) => `  ${line}`),
    ...(figures.cost ? ['', ...costTable(figures.cost)] : []),
    'the monolith has no cold start: its warm figures are the shared rows above',
  ].join('\n');
}

/**
 * Serverless's own figure: what a cold start costs. A fresh runtime gets `--starts` concurrent first
 * calls spread over five functions — each one finds no warm instance, so each is a cold start while the
 * instance cap allows — then the same calls warm; the runtime's /functions report splits its own
 * invocation durations into cold and warm per function and prices the measured warm duration at
 * `--requests-per-month`.
 */
const coldStarts: PatternBench = async ({ option, startTopology, progress }) => {
  const starts = option('starts');
  const requestsPerMonth = option('requests-per-month');
  progress('starting a fresh serverless topology');
  const topology = await startTopology({});
  try {
    const reader = await registerReader(topology.url);
    const kinds = readsOf(reader);
    progress(`${starts} concurrent first calls over ${kinds.length} functions`);
    const cold = await fireBurst(topology.url, dealCalls(kinds, starts));
    progress(`${WARM_CALLS_PER_FUNCTION} warm calls a function`);
    const warm = await warmCalls(topology.url, kinds);
    const report = await readFunctionsReport(runtimeUrlOf(topology), requestsPerMonth);
    const totals = totalsOf(report.units);
    const figures: ColdStartFigures = {
      starts,
      cold: distribution(cold.map((call) => call.ms)),
      coldHistogram: histogram(cold.map((call) => call.ms)),
      coldStatuses: statusCounts(cold),
      warm: distribution(warm.map((call) => call.ms)),
      warmStatuses: statusCounts(warm),
      functions: functionFigures(report.units),
      coldStarts: totals.coldStarts,
      peakInstances: totals.peakInstances,
      cost: report.cost ?? null,
    };
    const failed = [...cold, ...warm].filter((call) => !succeeded(call)).length;
    if (failed > 0) progress(`${failed} calls were not answered 2xx: the figures include them`);
    return { text: coldStartText(figures), figures };
  } finally {
    await topology.stop();
  }
};

export default coldStarts;
