import type { BenchReport } from '../api.js';
import { h } from '../dom.js';

export type BenchRow = BenchReport['rows'][number];

/** `journey bench` names its two baselines "(a) …" and "(b) …"; every other target is a pattern. */
export const isBaseline = (target: string) => target.startsWith('(');

const HEADER = ['Target', 'Endpoint', 'req/s', 'p50', 'p99', 'Peak RSS', 'Processes', 'Failed requests'];

/**
 * Bench rows as a table, one per target and endpoint: the compare view's figures and a stage page's
 * quick bench. Patterns and baselines are kept in two labelled groups, so a baseline's figure is never
 * read as the pattern's. With the run's raw baseline (b), each row also shows its throughput relative to
 * it, the "vs (b)" column `journey bench` prints: only rows of that same run may be given then.
 */
export function benchTable(rows: BenchRow[], options: { caption?: string; rawBaseline?: BenchRow } = {}) {
  const raw = options.rawBaseline?.requestsPerSec;
  const header = raw ? [...HEADER, 'vs (b)'] : HEADER;
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
      raw ? h('td', {}, `${Math.round((r.requestsPerSec / raw) * 100)}%`) : null,
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
    group(
      'baselines',
      'Baselines: (a) a bare Fastify hello world, (b) raw Fastify + better-sqlite3 reading 20 rows of the same articles table',
      baselines,
    ),
  );
}
