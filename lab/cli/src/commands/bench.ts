import {
  type BaselineName,
  BENCH_ENDPOINTS,
  type BenchEndpoint,
  type BenchReport,
  type BenchRow,
  type DatabaseChoice,
  defaultChoiceIn,
  loadPatternManifests,
  loadTopology,
  optionFlags,
  PATTERN_SLUGS,
  type PatternBenchOutcome,
  resolveTopologyOptions,
  runBench,
  runPatternBench,
  saveBenchReport,
} from '@journey/orchestrator';
import { formatRecorded, recordCheckRun } from '@journey/roadmap';
import type { Topology } from '@journey/topology';
import { progressBar } from '../progress.js';
import {
  brokerArg,
  DEFAULT_PATTERN,
  dbArg,
  explicitDbArg,
  integerArg,
  parseWithTopologyOptions,
  patternArg,
  topologyOptionValues,
  UsageError,
  withWayRound,
} from '../usage.js';
import { declaredBenchFlags, planPatternBenches } from './pattern-bench-plan.js';
import { startupBench } from './startup-bench.js';

export const benchOptions = {
  duration: { type: 'string' },
  rounds: { type: 'string' },
  warmup: { type: 'string' },
  connections: { type: 'string' },
  users: { type: 'string' },
  articles: { type: 'string' },
  db: { type: 'string' },
  broker: { type: 'string' },
  only: { type: 'string' },
} as const;

type BenchValues = { [K in keyof typeof benchOptions]?: string };

/** The load settings of a bench run from its flags (shared by `journey bench` and `journey compare`). */
export function benchSettings(values: BenchValues) {
  return {
    db: dbArg(values.db),
    broker: brokerArg(values.broker),
    durationSec: integerArg('duration', values.duration, 5, 1, 600),
    rounds: integerArg('rounds', values.rounds, 2, 1, 20),
    warmupSec: integerArg('warmup', values.warmup, 2, 0, 60),
    connections: integerArg('connections', values.connections, 50, 1, 1_000),
    users: integerArg('users', values.users, 100, 1, 10_000),
    articles: integerArg('articles', values.articles, 2_000, 1, 1_000_000),
  };
}

/** `--only list,feed`: some rows of the workload, by their short names. */
function onlyArg(value: string | undefined): BenchEndpoint[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((name) => {
    if (!(BENCH_ENDPOINTS as readonly string[]).includes(name))
      throw new UsageError(`--only: unknown row "${name}"`, BENCH_ENDPOINTS);
    return name as BenchEndpoint;
  });
}

/**
 * Progress of a bench run on stderr: a bar while seeding, one line per measured row after. Returns the
 * callback for runBench's `onProgress`.
 */
export function benchProgress() {
  const bar = progressBar('seeding');
  let seeding = false;
  return (message: string, seed?: { done: number; total: number }) => {
    if (seed) {
      seeding = true;
      bar.update(seed.done, seed.total);
      return;
    }
    if (seeding) {
      bar.stop();
      seeding = false;
    }
    console.error(`• ${message}`);
  };
}

/**
 * `journey bench <pattern…>`: every pattern and both baselines, measured in one run, printed side by
 * side; then the benches the named patterns declare in their pattern.ts, with the flags they declare.
 * Recorded as one run of `journey bench <pattern…>` with its db: passed when every row answered.
 */
export async function bench(args: string[]): Promise<number> {
  if (args.includes('--startup')) return startupBench(args);
  const manifests = await loadPatternManifests();
  const { values, positionals } = await parseWithTopologyOptions(
    args,
    { ...benchOptions, tracing: { type: 'boolean' }, ...declaredBenchFlags(manifests) },
    'bench',
  );
  const patterns = (positionals.length ? positionals : [DEFAULT_PATTERN]).map((p) => patternArg(p, 'bench'));
  const topologies = await Promise.all(patterns.map(loadTopology));
  const only = onlyArg(values.only);
  // An option flag goes to the patterns whose topology declares it.
  const topologyOptions = Object.fromEntries(
    topologies.map((topology) => [
      topology.id,
      topologyOptionValues(values, topology, { database: explicitDbArg(values.db) }),
    ]),
  );
  const settings = {
    ...benchSettings(values),
    db: benchDatabase(values.db, topologies[0]!, topologyOptions),
  };
  if (values.db === undefined)
    console.error(`• every row on ${settings.db}: what ${patterns[0]} runs on unless told (--db to choose)`);
  // Checked before the long shared run, so a mistyped --rate fails at once.
  const planned = planPatternBenches(manifests, patterns, values as Record<string, string | undefined>);
  const report = await runBench({
    patterns,
    ...settings,
    topologyOptions,
    ...(only && { only }),
    ...(values.tracing === true && { tracing: true }),
    onProgress: benchProgress(),
  }).catch((error: unknown) => {
    throw withWayRound(error, topologies[0]!);
  });
  console.log(`\n${formatReport(report)}`);
  const comparison = formatPatternComparison(report, patterns);
  if (comparison) console.log(`\n${comparison}`);
  const invalid = report.rows.filter((r) => r.failures > 0);
  for (const row of invalid)
    console.error(`✗ ${row.target} ${row.endpoint}: ${row.failures} of ${row.total} requests failed`);
  // Saved before the pattern benches run, so a failing one cannot lose the shared rows.
  let file = saveBenchReport(report);
  const patternBenches: PatternBenchOutcome[] = [];
  for (const plan of planned) {
    const outcome = await runPatternBench(plan, {
      ...settings,
      topologyOptions,
      onProgress: (m) => console.error(`• ${m}`),
    });
    console.log(`\n${outcome.text}`);
    patternBenches.push(outcome);
  }
  if (patternBenches.length > 0) file = saveBenchReport({ ...report, patternBenches });
  console.log(`\nfull report: ${file}`);
  const recorded = recordCheckRun({
    command: 'bench',
    positionals: patterns,
    flags: { db: settings.db },
    passed: invalid.length === 0,
    detail:
      invalid.length === 0
        ? `${report.rows.length} rows measured, report ${file}`
        : `${invalid.length} rows had failed requests, first ${invalid[0]!.target} ${invalid[0]!.endpoint}`,
  });
  for (const line of formatRecorded(recorded)) console.error(line);
  return invalid.length === 0 ? 0 : 1;
}

/**
 * One database for every row, so the comparison is fair: `--db` when given, else what the first named
 * pattern runs on unless told — its database entry's default, or what its given switches pick
 * (`journey bench serverless monolith` runs both on PostgreSQL).
 */
export function benchDatabase(
  db: string | undefined,
  first: Topology,
  topologyOptions: Record<string, Record<string, string>>,
): DatabaseChoice {
  const explicit = explicitDbArg(db);
  if (explicit) return explicit;
  const picked = resolveTopologyOptions(first, topologyOptions[first.id]).choices.database;
  return (picked ?? defaultChoiceIn(first, 'database') ?? dbArg(undefined)) as DatabaseChoice;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export function formatReport(report: BenchReport): string {
  const s = report.settings;
  const spread = s.rounds > 1;
  const shares = (baseline: BaselineName) => report.rows.some((r) => r.versus?.baseline === baseline);
  const columns: Array<[string, (r: BenchRow) => string]> = [
    ['target', (r) => r.target],
    ['endpoint', (r) => r.endpoint],
    ['req/s', (r) => r.requestsPerSec.toFixed(0)],
    ...(spread
      ? [
          [
            'best / median / worst',
            (r: BenchRow) =>
              r.spread
                ? [r.spread.best, r.spread.median, r.spread.worst].map((v) => v.toFixed(0)).join(' / ')
                : '',
          ] as [string, (r: BenchRow) => string],
        ]
      : []),
    ['p50', (r) => `${r.p50Ms} ms`],
    ['p99', (r) => `${r.p99Ms} ms`],
    ['p99/p50', (r) => (r.p50Ms > 0 ? `${(r.p99Ms / r.p50Ms).toFixed(1)}×` : 'n/a')],
    [
      'CPU/req',
      (r) => (r.cpuMicrosPerRequest === undefined ? 'n/a' : `${r.cpuMicrosPerRequest.toFixed(0)} µs`),
    ],
    ['peak RSS', (r) => mib(r.peakRssBytes)],
    ['procs', (r) => String(r.processes)],
    ...(['(b)', '(c)'] as const)
      .filter(shares)
      .map((baseline): [string, (r: BenchRow) => string] => [
        `vs ${baseline}`,
        (r) => (r.versus?.baseline === baseline ? `${(r.versus.share * 100).toFixed(0)}%` : ''),
      ]),
  ];
  const header = columns.map(([name]) => name);
  const lines = report.rows.map((r) => columns.map(([, cell]) => cell(r)));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [
    `Benchmark ${report.at} — ${s.connections} connections, best of ${s.rounds} interleaved rounds of ${s.durationSec}s ` +
      `per row (each after ${s.warmupSec}s warm-up), ` +
      `${s.db}${s.broker ? ` (${s.broker} broker)` : ''}${formatOptions(s.options)}, ${s.users} users / ${s.articles} articles seeded`,
    `Machine: ${report.machine.cpus} × ${report.machine.model}, Node ${report.machine.node}. ` +
      'The load generator (autocannon) runs on the same machine and shares its cores with the server under test.',
    'CPU/req: CPU time of every process of the target during the measured load, per completed request. ' +
      'Reads are shown against (b), writes against (c).',
    ...(report.baselinesSkipped ? [`No shares: ${report.baselinesSkipped}.`] : []),
    '',
    row(header),
    row(widths.map((w) => '-'.repeat(w))),
    ...lines.map(row),
    ...formatTracingCosts(report.tracingCosts),
  ].join('\n');
}

const percent = (share: number) => `${share >= 0 ? '+' : ''}${(share * 100).toFixed(0)} %`;

/** What tracing costs, as the share of a request's CPU it takes (its variants measured on the same data). */
function formatTracingCosts(costs: BenchReport['tracingCosts']): string[] {
  if (!costs) return [];
  if (costs.length === 0)
    return ['', 'Tracing: no single-database pattern in this run, so no variants to compare.'];
  return [
    '',
    "Tracing, as a share of a request's CPU ((on − off) / on, each variant its own start on the same data):",
    ...costs.map(
      (c) =>
        `  ${c.pattern} ${c.endpoint}: off ${c.offMicros.toFixed(0)} µs/req; ` +
        `on, unsampled ${c.unsampledMicros.toFixed(0)} µs (${percent(c.unsampledShare)}); ` +
        `on, every request sampled ${c.sampledMicros.toFixed(0)} µs (${percent(c.sampledShare)})`,
    ),
  ];
}

/** `, serverless with --platform aws --single`: what the patterns' own options were in the run. */
const formatOptions = (options: Record<string, Record<string, string>> = {}) =>
  Object.entries(options)
    .map(([pattern, values]) => `, ${pattern} with ${optionFlags(values)}`)
    .join('');

const times = (value: number, reference: number) =>
  reference > 0 ? `${(value / reference).toFixed(1)}×` : 'n/a';

/**
 * What a pattern's process layout costs next to a reference pattern measured in the same run (the
 * earliest roadmap stage among them): the price of network hops, extra processes and duplicated runtimes.
 */
export function formatPatternComparison(
  report: BenchReport,
  patterns: readonly string[],
): string | undefined {
  if (patterns.length < 2) return undefined;
  // The earliest stage measured: what each later pattern's layout adds is read against it.
  const reference = PATTERN_SLUGS.find((slug) => patterns.includes(slug)) ?? patterns[0]!;
  const rowsOf = (target: string) =>
    new Map(report.rows.filter((r) => r.target === target).map((r) => [r.endpoint, r]));
  const referenceRows = rowsOf(reference);
  const lines = [`Relative to ${reference} (same run): req/s as a share, latency and memory as multiples`];
  for (const pattern of patterns.filter((p) => p !== reference)) {
    for (const [endpoint, row] of rowsOf(pattern)) {
      const base = referenceRows.get(endpoint);
      if (!base) continue;
      lines.push(
        `  ${pattern.padEnd(14)} ${endpoint.padEnd(34)} req/s ${((row.requestsPerSec / base.requestsPerSec) * 100).toFixed(0).padStart(4)}%` +
          `  p50 ${times(row.p50Ms, base.p50Ms).padStart(6)}  p99 ${times(row.p99Ms, base.p99Ms).padStart(6)}` +
          `  RSS ${times(row.peakRssBytes, base.peakRssBytes).padStart(6)}  processes ${row.processes} vs ${base.processes}`,
      );
    }
  }
  return lines.join('\n');
}
