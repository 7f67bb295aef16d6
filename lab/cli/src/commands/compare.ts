import { runnablePatterns } from '@journey/orchestrator';
import {
  type Comparison,
  comparePatterns,
  type PatternFigures,
  type TopologyFigures,
} from '@journey/orchestrator/compare';
import { parse, patternArg } from '../usage.js';
import { benchOptions, benchProgress, benchSettings } from './bench.js';

// The bench's flags but --only: compare always loads the article list, the one row it reports.
const { only: _onlyTheListRow, ...loadOptions } = benchOptions;

const compareOptions = {
  ...loadOptions,
  'no-bench': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/**
 * `journey compare [pattern…]`: the patterns side by side (every built one when none is named), from
 * their code (size, structure, topology, dependency rules), their unit tests and one bench run of the
 * article list. `--no-bench` skips the
 * load test; `--json` prints the figures for a program.
 */
export async function compare(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, compareOptions, 'compare');
  const patterns = (positionals.length ? positionals : runnablePatterns()).map((p) =>
    patternArg(p, 'compare'),
  );
  const comparison = await comparePatterns({
    patterns,
    ...(!values['no-bench'] && { bench: benchSettings(values) }),
    onProgress: benchProgress(),
  });
  console.log(values.json ? JSON.stringify(comparison, null, 2) : `\n${formatComparison(comparison)}`);
  const broken = comparison.patterns.filter((p) => (p.violations ?? 0) > 0 || (p.unitTests?.failed ?? 0) > 0);
  return broken.length === 0 ? 0 : 1;
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
    [
      'list articles req/s⁴',
      (p) => (p.listArticlesPerSec === undefined ? '—' : p.listArticlesPerSec.toFixed(0)),
    ],
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
  const { bench } = comparison;
  if (bench) {
    const s = bench.settings;
    const raw = bench.rawBaseline
      ? `; raw Fastify + better-sqlite3 baseline: ${bench.rawBaseline.requestsPerSec.toFixed(0)} req/s`
      : '';
    notes.push(
      `⁴ GET /api/articles?limit=20, one bench run ${bench.at}: ${s.connections} connections, best of ${s.rounds} ` +
        `interleaved rounds of ${s.durationSec}s, ${s.db}, ${s.users} users / ${s.articles} articles${raw}.`,
      `  ${bench.machine.cpus} × ${bench.machine.model}, Node ${bench.machine.node}; ` +
        'the load generator shares the machine with the server.',
    );
  } else {
    notes.push('⁴ not measured (--no-bench).');
  }
  return [render(table[0]!), ...table.slice(1).map(render), '', ...notes].join('\n');
}
