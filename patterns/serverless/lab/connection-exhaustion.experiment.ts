import { type PatternExperiment, type PatternExperimentContext, textColumns } from '@journey/topology';
import { dealCalls, fireBurst, statusCounts, succeeded } from './burst.js';
import { ANONYMOUS_READS } from './conduit-reads.js';
import { watchConnections } from './connections.js';
import { readFunctionsReport, runtimeUrlOf, totalsOf } from './functions-report.js';
import { requirePostgres } from './lab-database.js';
import { describeDistribution, distribution, type LatencyDistribution } from './latency.js';
import { createLimitedDatabase } from './limited-database.js';

/** The fresh database's CONNECTION LIMIT: above what the fix allows the burst (2 functions × 5 instances × 1), below what it takes without. */
export const CONNECTION_LIMIT = 12;
export const BURST_CALLS = 40;

/** What each run hands every process: without the fix, unlimited instances with two connections each; with it, the defaults. */
export const VARIANTS = [
  { name: 'without the fix', env: { SERVERLESS_MAX_INSTANCES: '0', DATABASE_POOL_MAX: '2' }, fixed: false },
  { name: 'with the fix', env: { SERVERLESS_MAX_INSTANCES: '5', DATABASE_POOL_MAX: '1' }, fixed: true },
] as const;

export interface ExhaustionRun {
  variant: string;
  fixed: boolean;
  maxInstances: string;
  poolMax: string;
  calls: number;
  statuses: string;
  /** Calls not answered 2xx. */
  failed: number;
  /** Calls answered 503 naming the database: refused a connection. */
  refusedByDatabase: number;
  latency: LatencyDistribution;
  peakInstances: number;
  connectionsPeak: number;
  limit: number;
}

/**
 * Held when the burst without the fix ran the database to its limit (a call refused with 503, the
 * limit's worth of connections held) and the same burst with the fix stayed under it with no failure.
 */
export function judgeExhaustion(runs: readonly ExhaustionRun[]): { held: boolean; verdict: string } {
  const without = runs.find((run) => !run.fixed);
  const withFix = runs.find((run) => run.fixed);
  if (!without || !withFix)
    throw new Error('connection-exhaustion judges a run without the fix and one with it');
  const problems: string[] = [];
  if (without.refusedByDatabase === 0)
    problems.push(`without the fix no call was refused by the database (${without.statuses})`);
  // The database's refusals prove the limit was reached; the sampled peak (every ~100 ms) may miss it.
  if (withFix.failed > 0) problems.push(`with the fix ${withFix.failed} calls failed (${withFix.statuses})`);
  if (withFix.connectionsPeak >= withFix.limit)
    problems.push(`with the fix the connections reached the limit (${withFix.connectionsPeak})`);
  const summary =
    `limit ${without.limit}: without the fix ${without.refusedByDatabase} of ${without.calls} calls refused at ${without.connectionsPeak} connections; ` +
    `with it ${withFix.failed} failed at ${withFix.connectionsPeak} connections`;
  return problems.length === 0
    ? { held: true, verdict: `${summary}: held` }
    : { held: false, verdict: `${summary}: not held — ${problems.join('; ')}` };
}

export function exhaustionText(runs: readonly ExhaustionRun[]): string {
  const header = ['RUN', 'MAX INSTANCES', 'POOL', 'INSTANCES', 'CONNECTIONS', 'ANSWERS', 'p50/p99 ms'];
  const rows = runs.map((run) => [
    run.variant,
    run.maxInstances === '0' ? 'unlimited' : run.maxInstances,
    run.poolMax,
    String(run.peakInstances),
    `${run.connectionsPeak} / ${run.limit}`,
    run.statuses,
    `${run.latency.p50Ms} / ${run.latency.p99Ms}`,
  ]);
  return [
    `${runs[0]?.calls ?? 0} concurrent reads (articles and tags) on a fresh database whose CONNECTION LIMIT is ${CONNECTION_LIMIT}, twice:`,
    ...textColumns([header, ...rows]).map((line) => `  ${line}`),
    ...runs.map((run) => `  ${run.variant}: ${describeDistribution(run.latency)}`),
  ].join('\n');
}

async function burstOnLimitedDatabase(
  { startTopology, progress }: PatternExperimentContext,
  variant: (typeof VARIANTS)[number],
): Promise<ExhaustionRun> {
  const database = await createLimitedDatabase(CONNECTION_LIMIT, 'exhaust');
  try {
    progress(`${variant.name}: a fresh copy on ${database.name}, CONNECTION LIMIT ${CONNECTION_LIMIT}`);
    const topology = await startTopology({
      options: { platform: 'aws' },
      env: { ...variant.env, DATABASE_URL: database.url },
    });
    try {
      const watch = await watchConnections(database.url, database.name);
      progress(`${variant.name}: ${BURST_CALLS} concurrent reads`);
      const outcomes = await fireBurst(topology.url, dealCalls(ANONYMOUS_READS, BURST_CALLS));
      const { peak } = await watch.stop();
      const report = await readFunctionsReport(runtimeUrlOf(topology));
      return {
        variant: variant.name,
        fixed: variant.fixed,
        maxInstances: variant.env.SERVERLESS_MAX_INSTANCES,
        poolMax: variant.env.DATABASE_POOL_MAX,
        calls: outcomes.length,
        statuses: statusCounts(outcomes),
        failed: outcomes.filter((outcome) => !succeeded(outcome)).length,
        refusedByDatabase: outcomes.filter(
          (outcome) => outcome.status === 503 && outcome.errorFields.includes('database'),
        ).length,
        latency: distribution(outcomes.map((outcome) => outcome.ms)),
        peakInstances: totalsOf(report.units).peakInstances,
        connectionsPeak: peak,
        limit: CONNECTION_LIMIT,
      };
    } finally {
      await topology.stop();
    }
  } finally {
    await database.dispose();
  }
}

/**
 * The same burst of reads twice, each on a fresh database with a low CONNECTION LIMIT: once with
 * unlimited instances holding two connections each (every concurrent call a new instance, every
 * instance its own pool), once with the runtime's cap and one connection per instance.
 */
const connectionExhaustion: PatternExperiment = async (context) => {
  requirePostgres(context.settings.db, 'connection-exhaustion', 'connections against a database limit');
  const runs: ExhaustionRun[] = [];
  for (const variant of VARIANTS) runs.push(await burstOnLimitedDatabase(context, variant));
  return {
    ...judgeExhaustion(runs),
    text: exhaustionText(runs),
    lesson:
      'Every function instance opens its own connections, and a platform scales instances with concurrency, not with ' +
      'what the database can take: a burst turns into a connection storm. Capping instances per function ' +
      '(reservedConcurrency, --max-instances) and keeping one connection per instance bounds the connections to ' +
      'cap × functions × pool, at the price of calls queueing behind the cap; a connection pooler ' +
      '(RDS Proxy, PgBouncer) is the other way out.',
    figures: runs,
  };
};

export default connectionExhaustion;
