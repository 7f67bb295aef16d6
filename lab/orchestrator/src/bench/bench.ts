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
import { type BenchRow, type RoundFigures, rowOfRounds, withBaselineShares } from './bench-rows.js';
import { type LoadRequest, type LoadSettings, load } from './load.js';
import type { PatternBenchOutcome } from './pattern-benches.js';
import { withCpuSeconds } from './process-cpu.js';
import { withPeakRss } from './process-memory.js';
import { TRACING_VARIANTS, type TracingCost, tracingCosts, tracingTarget } from './tracing-variants.js';

export type { BaselineName, BenchRow } from './bench-rows.js';
export type { TracingCost } from './tracing-variants.js';

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
  /**
   * Also the list row of every single-database pattern started three more times on the same data:
   * tracing off, on but unsampled, on with every request sampled (what tracing costs a request's CPU).
   */
  tracing?: boolean;
  onProgress?: (message: string, seed?: { done: number; total: number }) => void;
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
    tracing?: boolean;
  };
  machine: { cpus: number; model: string; node: string };
  rows: BenchRow[];
  /** The raw read baseline (b), the denominator of every read row's share. */
  rawBaseline?: BenchRow;
  /** The raw write baseline (c), the denominator of every write row's share. */
  writeBaseline?: BenchRow;
  /** Why (b) and (c) did not run, when they did not: the rows then have no share. */
  baselinesSkipped?: string;
  /** With `tracing`: what tracing costs each pattern's list row, from its three variants' CPU per request. */
  tracingCosts?: TracingCost[];
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

const JSON_BODY = { 'content-type': 'application/json' };

/** The article every POST row sends: the pattern's publish and the raw insert (c) alike. */
const NEW_ARTICLE = JSON.stringify({
  article: {
    title: 'Bench [<id>]',
    description: 'load test',
    body: 'Written by the benchmark.',
    tagList: ['bench'],
  },
});

/** The Conduit workload every pattern gets: reads first, then writes (which grow the data set). */
function conduitRequests(
  url: string,
  data: SeedSummary,
): Array<Target['requests'][number] & { name: BenchEndpoint }> {
  const api = `${url}/api`;
  const auth = { authorization: `Token ${data.sampleUser.token}`, ...JSON_BODY };
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
      request: { url: `${api}/articles`, method: 'POST', headers: auth, body: NEW_ARTICLE },
    },
    {
      name: 'favorite',
      endpoint: 'POST /api/articles/:slug/favorite',
      request: { url: `${api}/articles/${data.sampleSlug}/favorite`, method: 'POST', headers: auth },
    },
  ];
}

/** One baseline server from `baselines/`, healthy, in a process group of its own. */
export async function startBaseline(file: string, env: Record<string, string>): Promise<ManagedProcess> {
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
 * The floors (b) and (c) on each database: the pattern's read and write done raw, through the same
 * driver, on the pattern's own data.
 */
const FLOORS: Record<
  DatabaseChoice,
  { driver: string; read: string; write: string; env: (url: string) => Record<string, string> }
> = {
  sqlite: {
    driver: 'better-sqlite3',
    read: 'raw-sqlite.ts',
    write: 'raw-sqlite-insert.ts',
    env: (url) => ({ DATABASE_PATH: url }),
  },
  postgres: {
    driver: 'pg',
    read: 'raw-pg.ts',
    write: 'raw-pg-insert.ts',
    env: (url) => ({ DATABASE_URL: url }),
  },
};

/**
 * Starts every pattern on its own fresh database with the same seeded data, plus the baselines, then
 * loads each endpoint in turn with identical settings. One run, one machine, side by side.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const progress = options.onProgress ?? (() => {});
  const running: RunningTopology[] = [];
  const baselines: ManagedProcess[] = [];
  const targets: Target[] = [];
  const traced: string[] = [];
  const wanted = (name: BenchEndpoint) => !options.only || options.only.includes(name);
  try {
    for (const slug of options.patterns) {
      progress(`starting ${slug} on a fresh ${options.db} database`);
      const declared = await loadTopology(slug);
      const start = (env?: Record<string, string>) =>
        startTopology(declared, {
          db: options.db,
          broker: options.broker,
          options: withSwitchFor(declared, options.db, options.topologyOptions?.[slug]),
          fresh: true,
          log: () => {},
          ...(env && { env }),
        });
      const topology = await start();
      running.push(topology);
      progress(`seeding ${slug}: ${options.users} users, ${options.articles} articles`);
      const data = await seedViaApi({
        baseUrl: topology.url,
        users: options.users,
        articles: options.articles,
        onProgress: ({ done, total }) => progress(`seeding ${slug}`, { done, total }),
      });
      targets.push(
        patternTarget(
          slug,
          topology,
          conduitRequests(topology.url, data).filter((r) => wanted(r.name)),
        ),
      );
      if (!options.tracing) continue;
      const databases = topology.ofKind('database');
      if (databases.length !== 1) {
        progress(
          `no tracing rows for ${slug}: its data is in ${databases.length} databases, not one to share`,
        );
        continue;
      }
      // Every variant reads the database just seeded (its own fresh one stays empty), so only tracing differs.
      for (const variant of TRACING_VARIANTS) {
        progress(`starting ${slug} with ${variant.label}`);
        const copy = await start({ ...databases[0]!.env, ...variant.env });
        running.push(copy);
        const list = conduitRequests(copy.url, data).filter((r) => r.name === 'list');
        targets.push(patternTarget(tracingTarget(slug, variant), copy, list));
      }
      traced.push(slug);
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
    // (b) and (c) read and copy the Conduit articles table of a single-database pattern; a pattern
    // that splits its data across services has no such table.
    const database = running
      .map((topology) => topology.ofKind('database'))
      .find((databases) => databases.length === 1)?.[0]?.url;
    const baselinesSkipped = database
      ? undefined
      : 'no pattern of this run keeps its articles in one database for (b) and (c) to read and copy';
    if (database) {
      const floor = FLOORS[options.db];
      const raw = await startBaseline(floor.read, floor.env(database));
      baselines.push(raw);
      baselineTargets.push({
        name: `(b) raw Fastify + ${floor.driver}`,
        pgids: [raw.child.pid!],
        processes: 1,
        requests: [{ endpoint: 'GET / (20 rows, one query)', request: { url: raw.url } }],
      });
      // Only when a write row runs: it is their floor alone.
      if (targets.some((t) => t.requests.some((r) => r.request.method === 'POST'))) {
        const insert = await startBaseline(floor.write, floor.env(database));
        baselines.push(insert);
        baselineTargets.push({
          name: `(c) raw Fastify + ${floor.driver} insert`,
          pgids: [insert.child.pid!],
          processes: 1,
          requests: [
            {
              endpoint: 'POST / (one row, one transaction)',
              request: { url: insert.url, method: 'POST', headers: JSON_BODY, body: NEW_ARTICLE },
            },
          ],
        });
      }
    }

    // Rounds interleave the rows, so a burst of load from elsewhere on a shared machine hits one
    // round of every row rather than all of one row.
    const all = [...baselineTargets, ...targets].flatMap((target) =>
      target.requests.map(({ endpoint, request }) => ({
        target,
        endpoint,
        request,
        rounds: [] as RoundFigures[],
      })),
    );
    for (let round = 1; round <= options.rounds; round++) {
      for (const [index, { target, endpoint, request, rounds }] of all.entries()) {
        progress(
          `round ${round}/${options.rounds} [${index + 1}/${all.length}] ${target.name} ${endpoint} (${options.durationSec}s)`,
        );
        let cpuSeconds = 0;
        const { result, peakRss } = await withPeakRss(target.pgids, () =>
          load(request, options, async (measured) => {
            const { result, cpuSeconds: spent } = await withCpuSeconds(target.pgids, measured);
            cpuSeconds = spent;
            return result;
          }),
        );
        rounds.push({ ...result, peakRssBytes: peakRss, cpuSeconds });
      }
    }
    const measured = all.map(({ target, endpoint, rounds }) => rowOfRounds(target, endpoint, rounds));
    const rawBaseline = measured.find((r) => r.target.startsWith('(b)'));
    const writeBaseline = measured.find((r) => r.target.startsWith('(c)'));
    const rows = withBaselineShares(measured, { read: rawBaseline, write: writeBaseline });
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
        ...(options.tracing && { tracing: true }),
      },
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      rows,
      ...(rawBaseline && { rawBaseline: rows.find((r) => r.target === rawBaseline.target) }),
      ...(writeBaseline && { writeBaseline: rows.find((r) => r.target === writeBaseline.target) }),
      ...(baselinesSkipped && { baselinesSkipped }),
      ...(options.tracing && { tracingCosts: tracingCosts(rows, traced) }),
    };
  } finally {
    for (const proc of baselines) await stopProcess(proc);
    for (const topology of running) await topology.stop();
  }
}

/** A pattern (or one of its tracing variants) as the bench loads it: every process group it runs. */
function patternTarget(name: string, topology: RunningTopology, requests: Target['requests']): Target {
  return {
    name,
    pgids: topology.processes.map((p) => p.child.pid!),
    processes: topology.processes.length,
    requests,
  };
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
