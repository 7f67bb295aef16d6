import type { BenchReport } from '../api.js';
import { h } from '../dom.js';

export type BenchRow = BenchReport['rows'][number];

/** `journey bench` names its baselines "(a) …", "(b) …" and "(c) …"; every other target is a pattern. */
export const isBaseline = (target: string) => target.startsWith('(');

const HEADER = ['Target', 'Endpoint', 'req/s', 'p50', 'p99', 'Peak RSS', 'Processes', 'Failed requests'];

/** What a baseline row is, for the label of the group that holds them (its target names the driver). */
const meaning = (target: string) =>
  target.startsWith('(a)')
    ? '(a) a bare Fastify hello world'
    : target.startsWith('(b)')
      ? `${target} reading 20 rows of the same articles table`
      : target.startsWith('(c)')
        ? `${target.replace(/ insert$/, '')} inserting one article row per request with the monolith’s durability`
        : target;

const baselinesLabel = (baselines: BenchRow[]) =>
  `Baselines: ${[...new Set(baselines.map((r) => meaning(r.target)))].join(', ')}`;

/**
 * Bench rows as a table, one per target and endpoint: the compare view's figures and a stage page's
 * quick bench. Patterns and baselines are kept in two labelled groups, so a baseline's figure is never
 * read as the pattern's. Rows that carry them also show their CPU per request and, like `journey bench`
 * prints them, their throughput as a share of the floor of the same run: reads of (b), writes of (c).
 */
export function benchTable(rows: BenchRow[], options: { caption?: string } = {}) {
  const cpu = rows.some((r) => r.cpuMicrosPerRequest !== undefined);
  const shares = (['(b)', '(c)'] as const).filter((baseline) =>
    rows.some((r) => r.versus?.baseline === baseline),
  );
  const header = [...HEADER, ...(cpu ? ['CPU per request'] : []), ...shares.map((b) => `vs ${b}`)];
  const row = (r: BenchRow) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, r.target),
      h('td', {}, r.endpoint),
      h('td', {}, Math.round(r.requestsPerSec)),
      h('td', {}, `${r.p50Ms} ms`),
      h('td', {}, `${r.p99Ms} ms`),
      h('td', {}, `${Math.round(r.peakRssBytes / 2 ** 20)} MiB`),
      h('td', {}, r.processes),
      h('td', {}, `${r.failures} of ${r.total}`),
      cpu
        ? h('td', {}, r.cpuMicrosPerRequest === undefined ? '' : `${Math.round(r.cpuMicrosPerRequest)} µs`)
        : null,
      ...shares.map((baseline) =>
        h(
          'td',
          { 'data-baseline': baseline },
          r.versus?.baseline === baseline ? `${Math.round(r.versus.share * 100)}%` : '',
        ),
      ),
    );
  const patterns = rows.filter((r) => !isBaseline(r.target));
  const baselines = rows.filter((r) => isBaseline(r.target));
  const targets = [...new Set(patterns.map((r) => r.target))];
  const labelled = patterns.length > 0 && baselines.length > 0;
  const group = (name: 'patterns' | 'baselines', label: string, members: BenchRow[]) =>
    members.length === 0
      ? null
      : h(
          'tbody',
          { 'data-group': name },
          labelled
            ? h('tr', { class: 'group' }, h('th', { scope: 'rowgroup', colspan: header.length }, label))
            : null,
          ...members.map(row),
        );
  return h(
    'table',
    { class: 'figures' },
    options.caption ? h('caption', {}, options.caption) : null,
    h('thead', {}, h('tr', {}, ...header.map((c) => h('th', { scope: 'col' }, c)))),
    group('patterns', targets.length === 1 ? `The pattern: ${targets[0]}` : 'The patterns', patterns),
    group('baselines', baselinesLabel(baselines), baselines),
  );
}
