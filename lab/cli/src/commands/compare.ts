import { runnablePatterns } from '@journey/orchestrator';
import {
  type Comparison,
  type ComparisonWorkload,
  comparePatterns,
  type PatternFigures,
  parseWeights,
  shapeWeights,
  type TopologyFigures,
  WORKLOAD_OPERATIONS,
  WORKLOAD_SHAPES,
  type WorkloadMixError,
  type WorkloadShape,
} from '@journey/orchestrator/compare';
import { type CompareRun, type StoredRun, saveRun, storedRuns } from '@journey/orchestrator/results';
import { brokerArg, explicitDbArg, integerArg, parse, patternArg, UsageError } from '../usage.js';
import { benchOptions, benchProgress } from './bench.js';

// The bench's load flags but --only and --rounds: every pattern runs the one mixed workload, once.
const { only: _onlyARow, rounds: _rounds, ...loadOptions } = benchOptions;

const compareOptions = {
  ...loadOptions,
  shape: { type: 'string' },
  weights: { type: 'string' },
  'logged-in': { type: 'string' },
  'no-bench': { type: 'boolean' },
  history: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type CompareValues = {
  [K in keyof typeof compareOptions]?: (typeof compareOptions)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

/** `--logged-in 0.5`: the share of the workload's users that are signed in. */
function shareArg(value: string | undefined): number {
  if (value === undefined) return 0.5;
  const share = Number(value);
  if (value.trim() === '' || !Number.isFinite(share) || share < 0 || share > 1)
    throw new UsageError(
      `--logged-in must be a share from 0 to 1 (0.5 signs half the users in), not "${value}"`,
    );
  return share;
}

/** The workload's settings from the flags; `--weights` wins over `--shape`, which is balanced unless told. */
export function workloadSettings(values: CompareValues): ComparisonWorkload {
  if (values.shape !== undefined && !(WORKLOAD_SHAPES as readonly string[]).includes(values.shape))
    throw new UsageError(`--shape: unknown shape "${values.shape}"`, WORKLOAD_SHAPES);
  if (values.shape !== undefined && values.weights !== undefined)
    throw new UsageError('choose --shape or --weights, not both');
  let weights = shapeWeights((values.shape ?? 'balanced') as WorkloadShape);
  if (values.weights !== undefined) {
    try {
      weights = parseWeights(values.weights);
    } catch (error) {
      throw new UsageError(`--weights: ${(error as WorkloadMixError).message}`, WORKLOAD_OPERATIONS);
    }
  }
  const db = explicitDbArg(values.db);
  const broker = brokerArg(values.broker);
  return {
    shape: values.weights === undefined ? (values.shape ?? 'balanced') : 'custom',
    ...(db && { db }),
    ...(broker && { broker }),
    // Fewer than the bench's: every pattern is seeded in turn through its API.
    users: integerArg('users', values.users, 50, 1, 10_000),
    articles: integerArg('articles', values.articles, 500, 1, 1_000_000),
    workload: {
      connections: integerArg('connections', values.connections, 20, 1, 1_000),
      durationSec: integerArg('duration', values.duration, 10, 1, 600),
      warmupSec: integerArg('warmup', values.warmup, 2, 0, 60),
      loggedInShare: shareArg(values['logged-in']),
      weights,
    },
  };
}

/**
 * `journey compare [all | pattern…]`: the patterns side by side (every built one when none is named,
 * or `all`), from their code (size, structure, topology, dependency rules), their unit tests and one
 * mixed workload run against each in turn with the same settings. The workload's figures are stored
 * (`journey compare --history` lists them, the dashboard charts them). `--no-bench` skips the
 * workload; `--json` prints the figures for a program.
 */
export async function compare(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, compareOptions, 'compare');
  if (values.history) return history(values.json === true);
  const named = positionals.filter((p) => p !== 'all');
  if (named.length > 0 && named.length < positionals.length)
    throw new UsageError('journey compare: name patterns or "all", not both');
  const patterns = [...new Set(named.length ? named : runnablePatterns())].map((p) =>
    patternArg(p, 'compare'),
  );
  const workload = values['no-bench'] ? undefined : workloadSettings(values);
  const comparison = await comparePatterns({
    patterns,
    ...(workload && { workload }),
    onProgress: benchProgress(),
  });
  console.log(values.json ? JSON.stringify(comparison, null, 2) : `\n${formatComparison(comparison)}`);
  if (workload) {
    const stored = storeComparison(comparison, workload, ['journey', 'compare', ...args].join(' '));
    if (stored) console.error(`• stored as the compare run of ${stored.at} (journey compare --history)`);
  }
  const broken = comparison.patterns.filter(
    (p) => (p.violations ?? 0) > 0 || (p.unitTests?.failed ?? 0) > 0 || p.workloadError !== undefined,
  );
  for (const p of broken.filter((b) => b.workloadError))
    console.error(`✗ ${p.pattern}: the workload failed: ${p.workloadError}`);
  return broken.length === 0 ? 0 : 1;
}

/** Keeps the workload figures of the patterns that ran it; nothing when none did. */
function storeComparison(comparison: Comparison, workload: ComparisonWorkload, command: string) {
  const figures = comparison.patterns.flatMap((p) => (p.workload ? [p.workload] : []));
  if (figures.length === 0) return undefined;
  const databases = [...new Set(figures.map((f) => `${f.pattern}: ${f.database}`))];
  const run: CompareRun = {
    command,
    workload: { ...workload },
    database: workload.db ?? `each pattern's default (${databases.join(', ')})`,
    patterns: figures,
  };
  return saveRun('compare', run);
}

function history(json: boolean): number {
  const runs = storedRuns('compare');
  if (json) {
    console.log(JSON.stringify(runs, null, 2));
    return 0;
  }
  if (runs.length === 0) {
    console.log('no compare runs stored yet; make one with: journey compare all --duration 10');
    return 0;
  }
  console.log(runs.map(historyLine).join('\n'));
  return 0;
}

export function historyLine(run: StoredRun<'compare'>): string {
  const w = run.data.workload as Partial<ComparisonWorkload>;
  const load = w.workload;
  const setting = load
    ? `${w.shape}, ${load.connections} users × ${load.durationSec}s, ${Math.round(load.loggedInShare * 100)}% signed in`
    : 'settings not recorded';
  const best = [...run.data.patterns].sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0];
  return [
    run.at.slice(0, 19).replace('T', ' '),
    run.data.patterns.map((p) => p.pattern).join(', '),
    setting,
    best ? `most req/s: ${best.pattern} ${best.requestsPerSecond.toFixed(0)}` : '',
    `${run.machine.cores} × ${run.machine.cpu}`,
  ].join(' · ');
}

const seconds = (ms: number) => (ms < 1_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);

function unitTestsOf({ unitTests }: PatternFigures): [count: string, time: string] {
  if (!unitTests) return ['not declared', '—'];
  if (unitTests.files.length === 0) return ['none declared', '—'];
  const { tests, failed, skipped, wallMs, inTestsMs } = unitTests;
  const count = [`${tests}`, failed > 0 && `${failed} FAILED`, skipped > 0 && `${skipped} skipped`]
    .filter(Boolean)
    .join(', ');
  return [count, `${seconds(wallMs)} (${seconds(inTestsMs)} in tests)`];
}

type Row = [label: string, cell: (p: PatternFigures) => string];

/** Every key the compared patterns have, in the order they first appear: rows for what any one has. */
const keysOf = (patterns: PatternFigures[], keys: (p: PatternFigures) => string[]) => [
  ...new Set(patterns.flatMap(keys)),
];

/** One row per structure unit any pattern declares (modules, driven ports, services, events…). */
const structureRows = (patterns: PatternFigures[]): Row[] =>
  keysOf(patterns, (p) => p.structure.map((count) => count.unit)).map((unit) => [
    unit,
    (p) => String(p.structure.find((count) => count.unit === unit)?.names.length ?? '—'),
  ]);

/** Processes, then infrastructure by kind and edges by protocol, as the topologies name them. */
function topologyRows(patterns: PatternFigures[]): Row[] {
  const counted = (label: string, counts: (t: TopologyFigures) => Record<string, number>): Row[] =>
    keysOf(patterns, (p) => Object.keys(p.topology ? counts(p.topology) : {})).map((key) => [
      `${label}: ${key}`,
      (p) => (p.topology ? String(counts(p.topology)[key] ?? 0) : '—'),
    ]);
  return [
    ['processes²', (p) => (p.topology ? String(p.topology.processes) : '—')],
    ...counted('infrastructure', (t) => t.infrastructure),
    ...counted('edges', (t) => t.edges),
  ];
}

/** `src/ for a, b; services/ gateway/ libs/ for c`: which folders were measured, grouped. */
function sourcesNote(patterns: PatternFigures[]): string {
  const folders = (p: PatternFigures) => p.sources.map((source) => `${source}/`).join(' ');
  return keysOf(patterns, (p) => [folders(p)])
    .map((group) => {
      const members = patterns.filter((p) => folders(p) === group).map((p) => p.pattern);
      return `${group} for ${members.join(', ')}`;
    })
    .join('; ');
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

/** A workload figure of a pattern: `failed` when its workload did not run, `—` when the pattern has no such figure. */
const measured =
  (figure: (w: NonNullable<PatternFigures['workload']>) => string | undefined) => (p: PatternFigures) => {
    if (p.workloadError !== undefined) return 'failed';
    const value = p.workload && figure(p.workload);
    return value ?? '—';
  };

const workloadRows: Row[] = [
  ['database⁴', measured((w) => w.database)],
  ['req/s⁴', measured((w) => w.requestsPerSecond.toFixed(0))],
  ['p50⁴', measured((w) => ms(w.p50Ms))],
  ['p95⁴', measured((w) => ms(w.p95Ms))],
  ['p99⁴', measured((w) => ms(w.p99Ms))],
  [
    'error rate⁴',
    measured((w) => `${(w.errorRate * 100).toFixed(w.errorRate > 0 && w.errorRate < 0.001 ? 3 : 1)}%`),
  ],
  ['total RSS⁵', measured((w) => mib(w.totalRssBytes))],
  [
    'network hops per request⁶',
    measured((w) => `${w.hopsPerRequest.toFixed(2)}${w.hopsMethod === 'topology' ? '*' : ''}`),
  ],
  ['cold start⁷', measured((w) => (w.coldStartMs === undefined ? undefined : ms(w.coldStartMs)))],
  [
    'propagation lag p50⁸',
    measured((w) => (w.propagationLagMs === undefined ? undefined : ms(w.propagationLagMs))),
  ],
  ['deployable units⁹', measured((w) => String(w.deployableUnits))],
];

function workloadNotes(settings: ComparisonWorkload): string[] {
  const w = settings.workload;
  const mix = Object.entries(w.weights)
    .filter(([, weight]) => weight > 0)
    .map(([operation, weight]) => `${operation} ${weight}`)
    .join(', ');
  return [
    `⁴ one workload per pattern, in turn, each started alone on a fresh ${settings.db ?? 'database (its topology’s default)'}` +
      `${settings.broker ? ` with the ${settings.broker} broker` : ''} and seeded with ${settings.users} users / ${settings.articles} articles: ` +
      `${w.connections} users calling back to back for ${w.durationSec}s after ${w.warmupSec}s of warm-up, ` +
      `${Math.round(w.loggedInShare * 100)}% signed in (the others only read); shape ${settings.shape}: ${mix}. ` +
      'Latency of every call in the window; errors are answers outside 2xx and failed calls. The load generator shares the machine.',
    '⁵ resident memory of every process the lab started for the pattern (with what each forked), read at the end of the load; ' +
      'database and broker servers outside the lab not included.',
    '⁶ from the traces the processes recorded in the window: the HTTP requests each traced call crossed into a process ' +
      '(client → gateway → service counts 2); database calls and published events are not hops of the request. ' +
      '* where nothing was traced: the topology’s deepest chain of request/response edges.',
    '⁷ the function runtime’s own measure of its cold invocations (the first request to a new instance), median per function weighted by cold starts.',
    '⁸ where a read side is fed by events: an author publishes, a follower polls its feed every 2 ms; time from the 201 until the article is there, median of 10.',
    '⁹ what ships separately: processes, and each function for serverless (its runtime stands for the platform).',
  ];
}

export function formatComparison(comparison: Comparison): string {
  const columns = comparison.patterns;
  const rows: Row[] = [
    ['source files¹', (p) => String(p.files)],
    ['code lines¹', (p) => String(p.codeLines)],
    ...structureRows(columns),
    ...topologyRows(columns),
    ['dependency-rule violations', (p) => (p.violations === undefined ? 'no rules' : String(p.violations))],
    ['unit tests³', (p) => unitTestsOf(p)[0]],
    ['unit-test time³', (p) => unitTestsOf(p)[1]],
    ...(comparison.workload ? workloadRows : []),
  ];
  const table = [
    ['', ...columns.map((p) => p.pattern)],
    ...rows.map(([label, cell]) => [label, ...columns.map(cell)]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
  const render = (line: string[]) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('   ')
      .trimEnd();

  const notes = [
    `¹ the *.ts files in the source folders each pattern declares (pattern.ts): ${sourcesNote(columns)}; ` +
      'code lines without blank and comment-only lines.',
    "² from each pattern's topology.ts: the processes the lab starts, the infrastructure it provisions " +
      "and the edges between them (the client's included).",
    '³ the files each pattern declares in its package.json (journey.unitTests): no server, no HTTP; ' +
      'time of `vitest run` from start to exit, then the tests’ own share (the rest is start-up and imports).',
  ];
  notes.push(...(comparison.workload ? workloadNotes(comparison.workload) : ['⁴ no workload (--no-bench).']));
  return [render(table[0]!), ...table.slice(1).map(render), '', ...notes].join('\n');
}
