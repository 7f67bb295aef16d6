import type { BrokerChoice, DatabaseChoice } from '@journey/provisioning';
import type { HostedUnitsReport } from '@journey/topology';
import { fetchHostedUnits } from '../hosted-units.js';
import { loadTopology, type PatternSlug } from '../patterns.js';
import type { WorkloadFigures } from '../results/run-records.js';
import { seedViaApi } from '../seed/seed.js';
import { labFacingUrl } from '../supervisor.js';
import { withSwitchFor } from '../topology-options.js';
import { startTopology } from '../topology-runner.js';
import { hopsFromTopology, hopsFromTraces } from './network-hops.js';
import { hasAsyncReadSide, measurePropagationLag } from './propagation.js';
import { runWorkload, type WorkloadResult, type WorkloadSettings } from './workload.js';

export interface PatternWorkloadOptions {
  workload: WorkloadSettings;
  /** Every pattern on this database; each on its topology's own default (sqlite, serverless postgres) when absent. */
  db?: DatabaseChoice;
  broker?: BrokerChoice;
  users: number;
  articles: number;
  onProgress?: (message: string, seed?: { done: number; total: number }) => void;
}

const LINES_KEPT = 8;

/** WorkloadFigures with what a reader of one run needs to trust them. */
export interface PatternWorkloadFigures extends WorkloadFigures {
  /** Per operation, calls and failures in the window. */
  operations: WorkloadResult['operations'];
  sampleFailures: string[];
}

/**
 * The cold start a function runtime measured itself: the median of its functions' cold invocations,
 * each function weighted by its cold starts; undefined when none was cold.
 */
function coldStartOf(report: HostedUnitsReport): number | undefined {
  const cold = report.units.filter((unit) => unit.cold !== null && unit.coldStarts > 0);
  const starts = cold.reduce((sum, unit) => sum + unit.coldStarts, 0);
  if (starts === 0) return undefined;
  return cold.reduce((sum, unit) => sum + unit.cold!.p50Ms * unit.coldStarts, 0) / starts;
}

/**
 * One pattern under the compare workload: started on a fresh database, seeded through its API, loaded,
 * measured while it still runs (memory, hosted units, traces, propagation), then stopped.
 */
export async function runPatternWorkload(
  pattern: PatternSlug,
  options: PatternWorkloadOptions,
): Promise<PatternWorkloadFigures> {
  const progress = options.onProgress ?? (() => {});
  const declared = await loadTopology(pattern);
  progress(`${pattern}: starting on a fresh ${options.db ?? 'default'} database`);
  // The processes' last lines, kept quiet, so a failed start can say why in the comparison.
  const lastLines: string[] = [];
  const topology = await startTopology(declared, {
    ...(options.db && { db: options.db, options: withSwitchFor(declared, options.db) }),
    broker: options.broker,
    fresh: true,
    log: (process, line) => {
      lastLines.push(`[${process}] ${line}`);
      if (lastLines.length > LINES_KEPT) lastLines.shift();
    },
  }).catch((error: Error) => {
    throw new Error(`${error.message}; the last lines of its processes:\n${lastLines.join('\n')}`);
  });
  try {
    const database = topology.ofKind('database')[0]?.choice ?? 'none';
    progress(`${pattern}: seeding ${options.users} users, ${options.articles} articles (${database})`);
    await seedViaApi({
      baseUrl: topology.url,
      users: options.users,
      articles: options.articles,
      onProgress: ({ done, total }) => progress(`seeding ${pattern}`, { done, total }),
    });
    const { workload } = options;
    progress(
      `${pattern}: workload, ${workload.connections} users for ${workload.warmupSec}s warm-up + ${workload.durationSec}s`,
    );
    const result = await runWorkload(topology.url, workload);
    const status = await topology.status();
    const totalRssBytes = status.reduce((sum, process) => sum + process.rssBytes, 0);

    // Only the measured window's traces: registering users, following authors and the warm-up are
    // calls too, and would count towards the hops.
    const hops = hopsFromTraces(topology.runDir, result.window) ?? hopsFromTopology(declared);
    let coldStartMs: number | undefined;
    let deployableUnits = declared.processes.length;
    for (const process of topology.snapshot()) {
      if (!process.hostedUnits) continue;
      const answer = await fetchHostedUnits({ url: labFacingUrl(process), path: process.hostedUnits });
      if (!answer.available) throw new Error(`${pattern}: ${process.name}'s hosted units: ${answer.detail}`);
      // The functions ship one by one; the process hosting them is the platform, not a unit of ours.
      deployableUnits += answer.report.units.length - 1;
      coldStartMs = coldStartOf(answer.report) ?? coldStartMs;
    }
    let propagationLagMs: number | undefined;
    if (hasAsyncReadSide(declared)) {
      progress(`${pattern}: propagation lag, publish → a follower's feed`);
      propagationLagMs = (await measurePropagationLag(topology.url)).p50Ms;
    }
    return {
      pattern,
      database,
      requestsPerSecond: result.requestsPerSecond,
      p50Ms: result.p50Ms,
      p95Ms: result.p95Ms,
      p99Ms: result.p99Ms,
      errorRate: result.errorRate,
      requests: result.requests,
      processes: declared.processes.length,
      totalRssBytes,
      hopsPerRequest: hops.hopsPerRequest,
      hopsMethod: hops.method,
      ...(hops.method === 'traces' && { hopsTraces: hops.traces }),
      ...(coldStartMs !== undefined && { coldStartMs }),
      ...(propagationLagMs !== undefined && { propagationLagMs }),
      // Filled in by the comparison from its code figures.
      linesOfCode: 0,
      deployableUnits,
      operations: result.operations,
      sampleFailures: result.sampleFailures,
    };
  } finally {
    progress(`${pattern}: stopping`);
    await topology.stop();
  }
}
