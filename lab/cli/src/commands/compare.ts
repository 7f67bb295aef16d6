import { runnablePatterns } from '@journey/orchestrator';
import { type Comparison, comparePatterns, type PatternFigures } from '@journey/orchestrator/compare';
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
 * `journey compare <pattern…>`: the patterns side by side, from their code (size, structure,
 * dependency rules), their unit tests and one bench run of the article list. `--no-bench` skips the
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

function structureOf({ structure }: PatternFigures): string {
  if (!structure) return '—';
  if (structure.kind === 'ports') {
    return `${structure.driving.length} driving + ${structure.driven.length} driven ports`;
  }
  return `${structure.names.length} ${structure.kind}`;
}

function unitTestsOf({ unitTests }: PatternFigures): [count: string, time: string] {
  if (!unitTests) return ['not declared', '—'];
  if (unitTests.files.length === 0) return ['none declared', '—'];
  const { tests, failed, skipped, wallMs, inTestsMs } = unitTests;
  const count = [`${tests}`, failed > 0 && `${failed} FAILED`, skipped > 0 && `${skipped} skipped`]
    .filter(Boolean)
    .join(', ');
  return [count, `${seconds(wallMs)} (${seconds(inTestsMs)} in tests)`];
}

export function formatComparison(comparison: Comparison): string {
  const columns = comparison.patterns;
  const rows: [string, (p: PatternFigures) => string][] = [
    ['source files (src/)', (p) => String(p.files)],
    ['code lines¹', (p) => String(p.codeLines)],
    ['structure', structureOf],
    ['dependency-rule violations', (p) => (p.violations === undefined ? 'no rules' : String(p.violations))],
    ['unit tests²', (p) => unitTestsOf(p)[0]],
    ['unit-test time²', (p) => unitTestsOf(p)[1]],
    [
      'list articles req/s³',
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
    '¹ lines of src/*.ts holding code: blank lines and comment-only lines are not counted.',
    '² the files each pattern declares in its package.json (journey.unitTests): no server, no HTTP; ' +
      'time of `vitest run` from start to exit, then the tests’ own share (the rest is start-up and imports).',
  ];
  const { bench } = comparison;
  if (bench) {
    const s = bench.settings;
    const raw = bench.rawBaseline
      ? `; raw Fastify + better-sqlite3 baseline: ${bench.rawBaseline.requestsPerSec.toFixed(0)} req/s`
      : '';
    notes.push(
      `³ GET /api/articles?limit=20, one bench run ${bench.at}: ${s.connections} connections, best of ${s.rounds} ` +
        `interleaved rounds of ${s.durationSec}s, ${s.db}, ${s.users} users / ${s.articles} articles${raw}.`,
      `  ${bench.machine.cpus} × ${bench.machine.model}, Node ${bench.machine.node}; ` +
        'the load generator shares the machine with the server.',
    );
  } else {
    notes.push('³ not measured (--no-bench).');
  }
  return [render(table[0]!), ...table.slice(1).map(render), '', ...notes].join('\n');
}
