import { type HostedUnit, type PatternExperiment, textColumns } from '@journey/topology';
import { type CallOutcome, dealCalls, fireBurst, statusCounts, succeeded } from './burst.js';
import { readsOf, registerReader } from './conduit-reads.js';
import { databaseNameOf, watchConnections } from './connections.js';
import {
  type FunctionFigures,
  functionFigures,
  p50p99,
  readFunctionsReport,
  runtimeUrlOf,
  totalsOf,
} from './functions-report.js';
import { databaseOf, requirePostgres } from './lab-database.js';
import { describeDistribution, distribution, histogram, type LatencyDistribution } from './latency.js';

export const STORM_CALLS = 50;

/**
 * Connections one instance may hold, stated rather than left to the runtime's default (1 on AWS, where
 * an instance serves one call at a time) so the bound the verdict checks is the one the runtime ran with.
 */
export const STORM_POOL_MAX = 1;

export interface StormFigures {
  calls: number;
  /** `2xx 50`, or what else answered. */
  statuses: string;
  failed: number;
  latency: LatencyDistribution;
  histogram: string[];
  functions: FunctionFigures[];
  invocations: number;
  coldStarts: number;
  /** Instances alive at once, summed over the functions: what may each hold a pool. */
  peakInstances: number;
  poolMax: number;
  connectionsPeak: number;
}

/** Held when every call answered 2xx and the database never held more connections than the instances' pools allow. */
export function judgeStorm(figures: StormFigures): { held: boolean; verdict: string } {
  const bound = figures.peakInstances * figures.poolMax;
  const problems = [
    ...(figures.failed > 0
      ? [`${figures.failed} of ${figures.calls} calls failed (${figures.statuses})`]
      : []),
    ...(figures.connectionsPeak > bound
      ? [
          `${figures.connectionsPeak} connections, more than ${figures.peakInstances} instances × pool ${figures.poolMax}`,
        ]
      : []),
  ];
  const summary =
    `${figures.calls} concurrent first calls, ${figures.coldStarts} cold starts on ${figures.peakInstances} instances, ` +
    `${figures.connectionsPeak} connections at the peak (≤ ${bound})`;
  return problems.length === 0
    ? { held: true, verdict: `${summary}: held` }
    : { held: false, verdict: `${summary}: not held — ${problems.join('; ')}` };
}

export function stormText(figures: StormFigures): string {
  const rows = figures.functions.map((unit) => [
    unit.name,
    String(unit.peakInstances),
    String(unit.invocations),
    String(unit.coldStarts),
    p50p99(unit.cold),
    p50p99(unit.warm),
  ]);
  return [
    `latency as the client saw it, ${describeDistribution(figures.latency)}`,
    ...figures.histogram.map((line) => `  ${line}`),
    `answers: ${figures.statuses}`,
    '',
    'inside the runtime (its /functions report, the reader registered before the storm included):',
    ...textColumns([
      ['FUNCTION', 'INSTANCES', 'INVOCATIONS', 'COLD', 'COLD p50/p99 ms', 'WARM p50/p99 ms'],
      ...rows,
    ]).map((line) => `  ${line}`),
    `cold ${figures.coldStarts}, warm ${figures.invocations - figures.coldStarts} of ${figures.invocations} invocations`,
    `connections held at the peak: ${figures.connectionsPeak} (${figures.peakInstances} instances × pool ${figures.poolMax} = ${figures.peakInstances * figures.poolMax} at most)`,
  ].join('\n');
}

export function stormFigures(
  outcomes: readonly CallOutcome[],
  units: readonly HostedUnit[],
  poolMax: number,
  connectionsPeak: number,
): StormFigures {
  const latencies = outcomes.map((outcome) => outcome.ms);
  const totals = totalsOf(units);
  return {
    calls: outcomes.length,
    statuses: statusCounts(outcomes),
    failed: outcomes.filter((outcome) => !succeeded(outcome)).length,
    latency: distribution(latencies),
    histogram: histogram(latencies),
    functions: functionFigures(units),
    ...totals,
    poolMax,
    connectionsPeak,
  };
}

/**
 * Fifty concurrent first calls on a freshly started runtime: every one of them finds no warm instance,
 * so the runtime starts instances up to its cap per function and queues the rest. What the client pays
 * in latency, how many instances came up, and how many database connections they held.
 */
const coldStartStorm: PatternExperiment = async ({ settings, startTopology, progress }) => {
  requirePostgres(settings.db, 'cold-start-storm', 'the database connections the instances hold');
  progress('starting a fresh serverless topology (AWS, the default instance cap)');
  const topology = await startTopology({
    options: { platform: 'aws' },
    env: { DATABASE_POOL_MAX: String(STORM_POOL_MAX) },
  });
  try {
    const database = databaseOf(topology);
    progress('registering the reader the signed-in reads use');
    const reader = await registerReader(topology.url);
    const watch = await watchConnections(database, databaseNameOf(database));
    progress(`${STORM_CALLS} concurrent first calls over ${readsOf(reader).length} functions`);
    const outcomes = await fireBurst(topology.url, dealCalls(readsOf(reader), STORM_CALLS));
    const { peak } = await watch.stop();
    const report = await readFunctionsReport(runtimeUrlOf(topology));
    const figures = stormFigures(outcomes, report.units, STORM_POOL_MAX, peak);
    return {
      ...judgeStorm(figures),
      text: stormText(figures),
      lesson:
        'A burst of first calls is a burst of cold starts: each new instance pays its start-up before its first answer, ' +
        'and each holds its own database connections. The instance cap bounds both — calls beyond it wait in a queue ' +
        'instead of opening more connections than the database can take (journey experiment serverless connection-exhaustion).',
      figures,
    };
  } finally {
    await topology.stop();
  }
};

export default coldStartStorm;
