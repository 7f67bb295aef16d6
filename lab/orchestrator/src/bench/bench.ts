import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { dataDir, freePort } from '@journey/platform';
import type { BrokerChoice, DatabaseChoice } from '@journey/provisioning';
import { type ManagedProcess, spawnProcess, stopProcess, waitHealthy } from '../managed-process.js';
import { loadTopology, type PatternSlug } from '../patterns.js';
import { type SeedSummary, seedViaApi } from '../seed/seed.js';
import { withSwitchFor } from '../topology-options.js';
import { type RunningTopology, startTopology } from '../topology-runner.js';
import { type LoadRequest, type LoadSettings, load } from './load.js';
import type { PatternBenchOutcome } from './pattern-benches.js';
import { withPeakRss } from './process-memory.js';

export interface BenchOptions extends LoadSettings {
  /** Interleaved passes over all rows; each row reports its best pass. */
  rounds: number;
  patterns: PatternSlug[];
  db: DatabaseChoice;
  /** The broker of the patterns that have one; embedded unless told. */
  broker?: BrokerChoice;
  users: number;
  articles: number;
  /** Only these rows of the Conduit workload (all when absent); the baselines always run. */
  only?: BenchEndpoint[];
  /** Per pattern, the values of its topology's own options (`{ serverless: { platform: 'gcf' } }`). */
  topologyOptions?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  onProgress?: (message: string, seed?: { done: number; total: number }) => void;
}

export interface BenchRow {
  target: string;
  endpoint: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  peakRssBytes: number;
  processes: number;
  failures: number;
  total: number;
}

export interface BenchReport {
  at: string;
  settings: LoadSettings & {
    rounds: number;
    db: DatabaseChoice;
    broker?: BrokerChoice;
    users: number;
    articles: number;
    only?: BenchEndpoint[];
    /** Per pattern that has options, the values its topology ran with, defaults included. */
    options?: Record<string, Record<string, string>>;
  };
  machine: { cpus: number; model: string; node: string };
  rows: BenchRow[];
  /** Throughput of the raw SQLite baseline, the denominator of every pattern row's ratio. */
  rawBaseline?: BenchRow;
  /** What the benches the measured patterns declare found (`journey bench` adds them after the rows). */
  patternBenches?: PatternBenchOutcome[];
}

interface Target {
  name: string;
  pgids: number[];
  processes: number;
  requests: Array<{ endpoint: string; request: LoadRequest }>;
}

/** Short names of the Conduit workload's rows, so a run can load only some of them (`--only list`). */
export const BENCH_ENDPOINTS = ['list', 'article', 'feed', 'tags', 'publish', 'favorite'] as const;
export type BenchEndpoint = (typeof BENCH_ENDPOINTS)[number];

/** The Conduit workload every pattern gets: reads first, then writes (which grow the data set). */
function conduitRequests(
  url: string,
  data: SeedSummary,
): Array<Target['requests'][number] & { name: BenchEndpoint }> {
  const api = `${url}/api`;
  const auth = { authorization: `Token ${data.sampleUser.token}`, 'content-type': 'application/json' };
  const article = JSON.stringify({
    article: {
      title: 'Bench [<id>]',
      description: 'load test',
      body: 'Written by the benchmark.',
      tagList: ['bench'],
    },
  });
  return [
    { name: 'list', endpoint: 'GET /api/articles?limit=20', request: { url: `${api}/articles?limit=20` } },
    {
      name: 'article',
      endpoint: 'GET /api/articles/:slug',
      request: { url: `${api}/articles/${data.sampleSlug}` },
    },
    {
      name: 'feed',
      endpoint: 'GET /api/articles/feed',
      request: { url: `${api}/articles/feed`, headers: auth },
    },
    { name: 'tags', endpoint: 'GET /api/tags', request: { url: `${api}/tags` } },
    {
      name: 'publish',
      endpoint: 'POST /api/articles',
      request: { url: `${api}/articles`, method: 'POST', headers: auth, body: article },
    },
    {
      name: 'favorite',
      endpoint: 'POST /api/articles/:slug/favorite',
      request: { url: `${api}/articles/${data.sampleSlug}/favorite`, method: 'POST', headers: auth },
    },
  ];
}

async function startBaseline(file: string, env: Record<string, string>): Promise<ManagedProcess> {
  const name = file.replace(/\.ts$/, '');
  const proc = await spawnProcess(
    {
      name,
      command: ['node', '--import', 'tsx', `lab/orchestrator/src/bench/baselines/${file}`],
      portEnv: 'PORT',
      health: '/',
    },
    await freePort(),
    env,
    (source, line) => process.stderr.write(`[${source}] ${line}\n`),
  );
  await waitHealthy(proc, `${proc.url}/`);
  return proc;
}

/**
 * Starts every pattern on its own fresh database with the same seeded data, plus the two baselines,
 * then loads each endpoint in turn with identical settings. One run, one machine, side by side.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const progress = options.onProgress ?? (() => {});
  const running: RunningTopology[] = [];
  const baselines: ManagedProcess[] = [];
  const targets: Target[] = [];
  try {
    for (const slug of options.patterns) {
      progress(`starting ${slug} on a fresh ${options.db} database`);
      const declared = await loadTopology(slug);
      const topology = await startTopology(declared, {
        db: options.db,
        broker: options.broker,
        options: withSwitchFor(declared, options.db, options.topologyOptions?.[slug]),
        fresh: true,
        log: () => {},
      });
      running.push(topology);
      progress(`seeding ${slug}: ${options.users} users, ${options.articles} articles`);
      const data = await seedViaApi({
        baseUrl: topology.url,
        users: options.users,
        articles: options.articles,
        onProgress: ({ done, total }) => progress(`seeding ${slug}`, { done, total }),
      });
      targets.push({
        name: slug,
        pgids: topology.processes.map((p) => p.child.pid!),
        processes: topology.processes.length,
        requests: conduitRequests(topology.url, data).filter(
          ({ name }) => !options.only || options.only.includes(name),
        ),
      });
    }

    const hello = await startBaseline('hello-world.ts', {});
    baselines.push(hello);
    const baselineTargets: Target[] = [
      {
        name: '(a) Fastify hello world',
        pgids: [hello.child.pid!],
        processes: 1,
        requests: [{ endpoint: 'GET /', request: { url: hello.url } }],
      },
    ];
    // (b) reads the Conduit articles table of a single-database pattern; a pattern that splits its
    // data across services has no such table to read.
    const sqliteFile = running
      .map((topology) => topology.ofKind('database'))
      .find((databases) => databases.length === 1)?.[0]?.url;
    if (options.db === 'sqlite' && sqliteFile) {
      const raw = await startBaseline('raw-sqlite.ts', { DATABASE_PATH: sqliteFile });
      baselines.push(raw);
      baselineTargets.push({
        name: '(b) raw Fastify + better-sqlite3',
        pgids: [raw.child.pid!],
        processes: 1,
        requests: [{ endpoint: 'GET / (20 rows, one query)', request: { url: raw.url } }],
      });
    }

    // Rounds interleave the rows, so a burst of load from elsewhere on a shared machine hits one
    // round of every row rather than all of one row; each row keeps its best round.
    const all = [...baselineTargets, ...targets].flatMap((target) =>
      target.requests.map(({ endpoint, request }) => ({ target, endpoint, request })),
    );
    const best = new Map<string, BenchRow>();
    for (let round = 1; round <= options.rounds; round++) {
      for (const [index, { target, endpoint, request }] of all.entries()) {
        progress(
          `round ${round}/${options.rounds} [${index + 1}/${all.length}] ${target.name} ${endpoint} (${options.durationSec}s)`,
        );
        const { result, peakRss } = await withPeakRss(target.pgids, () => load(request, options));
        const key = `${target.name} ${endpoint}`;
        const previous = best.get(key);
        const row = {
          target: target.name,
          endpoint,
          ...result,
          peakRssBytes: peakRss,
          processes: target.processes,
        };
        const faster = !previous || row.requestsPerSec > previous.requestsPerSec;
        // Throughput and latency come from the best round; failures, totals and peak memory from all of them.
        best.set(key, {
          ...(faster ? row : previous),
          failures: row.failures + (previous?.failures ?? 0),
          total: row.total + (previous?.total ?? 0),
          peakRssBytes: Math.max(row.peakRssBytes, previous?.peakRssBytes ?? 0),
        });
      }
    }
    const rows = [...best.values()];
    const optionsRan = Object.fromEntries(
      running
        .filter((topology) => Object.keys(topology.options).length > 0)
        .map((t) => [t.topology.id, { ...t.options }]),
    );
    return {
      at: new Date().toISOString(),
      settings: {
        rounds: options.rounds,
        connections: options.connections,
        durationSec: options.durationSec,
        warmupSec: options.warmupSec,
        db: options.db,
        ...(options.broker && { broker: options.broker }),
        users: options.users,
        articles: options.articles,
        ...(options.only && { only: options.only }),
        ...(Object.keys(optionsRan).length > 0 && { options: optionsRan }),
      },
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      rows,
      rawBaseline: rows.find((r) => r.target.startsWith('(b)')),
    };
  } finally {
    for (const proc of baselines) await stopProcess(proc);
    for (const topology of running) await topology.stop();
  }
}

/** Where every bench run's JSON report is kept, by `journey bench` and the dashboard alike: one history. */
export const benchReportsDir = () => join(dataDir(), 'bench');

/** Saves the report as `<data dir>/bench/<its time>.json` and returns the file's path. */
export function saveBenchReport(report: BenchReport): string {
  const dir = benchReportsDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
