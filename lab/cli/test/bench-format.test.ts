import type { BenchReport, BenchRow } from '@journey/orchestrator';
import { describe, expect, it } from 'vitest';
import { formatPatternComparison, formatReport } from '../src/commands/bench.js';

const row = (target: string, endpoint: string, figures: Partial<BenchRow>): BenchRow => ({
  target,
  endpoint,
  requestsPerSec: 1_000,
  p50Ms: 10,
  p99Ms: 20,
  peakRssBytes: 100 * 1024 * 1024,
  processes: 1,
  failures: 0,
  total: 5_000,
  ...figures,
});

const report = (rows: BenchRow[]): BenchReport => ({
  at: '2026-11-26T00:00:00.000Z',
  settings: {
    rounds: 1,
    connections: 50,
    durationSec: 5,
    warmupSec: 2,
    db: 'sqlite',
    users: 10,
    articles: 10,
  },
  machine: { cpus: 2, model: 'test', node: 'v20' },
  rows,
});

describe('bench: patterns side by side', () => {
  it('puts every pattern next to the monolith of the same run, endpoint by endpoint', () => {
    const text = formatPatternComparison(
      report([
        row('microservices', 'GET /api/articles?limit=20', {
          requestsPerSec: 400,
          p99Ms: 50,
          peakRssBytes: 500 * 1024 * 1024,
          processes: 5,
        }),
        row('monolith', 'GET /api/articles?limit=20', {}),
      ]),
      ['microservices', 'monolith'],
    );
    expect(text).toContain('Relative to monolith');
    expect(text).toMatch(
      /microservices\s+GET \/api\/articles\?limit=20\s+req\/s\s+40%\s+p50\s+1\.0×\s+p99\s+2\.5×\s+RSS\s+5\.0×\s+processes 5 vs 1/,
    );
  });

  it('has nothing to compare for a single pattern', () => {
    expect(formatPatternComparison(report([row('monolith', 'GET /', {})]), ['monolith'])).toBeUndefined();
  });
});

describe('bench: the report as printed', () => {
  const b = row('(b) raw Fastify + better-sqlite3', 'GET / (20 rows, one query)', {
    requestsPerSec: 8_000,
    versus: { baseline: '(b)', share: 1 },
  });
  const c = row('(c) raw Fastify + better-sqlite3 insert', 'POST / (one row, one transaction)', {
    requestsPerSec: 4_000,
    versus: { baseline: '(c)', share: 1 },
  });
  const rows = [
    b,
    c,
    row('monolith', 'GET /api/articles?limit=20', {
      requestsPerSec: 2_000,
      p50Ms: 20,
      p99Ms: 44,
      cpuMicrosPerRequest: 412.4,
      spread: { best: 2_000, median: 1_900, worst: 1_500 },
      versus: { baseline: '(b)', share: 0.25 },
    }),
    row('monolith', 'POST /api/articles', {
      requestsPerSec: 1_000,
      versus: { baseline: '(c)', share: 0.25 },
    }),
  ];
  const lineOf = (text: string, endpoint: string) =>
    text.split('\n').find((line) => line.includes(endpoint))!;

  it('when reads and writes ran, then each has its share in its own column, with CPU per request and p99/p50', () => {
    const text = formatReport({ ...report(rows), rawBaseline: b, writeBaseline: c });
    const header = text.split('\n').find((line) => line.startsWith('target'))!;
    expect(header).toMatch(/p50\s+p99\s+p99\/p50\s+CPU\/req\s+peak RSS\s+procs\s+vs \(b\)\s+vs \(c\)$/);
    expect(lineOf(text, 'GET /api/articles')).toMatch(/20 ms\s+44 ms\s+2\.2×\s+412 µs.*25%\s*$/);
    // A write's share sits under vs (c), the read column left empty.
    expect(lineOf(text, 'POST /api/articles')).toMatch(/1\s+25%$/);
    expect(header).not.toContain('best / median / worst');
  });

  it('when several rounds ran, then the spread of throughput is printed beside the best', () => {
    const text = formatReport({ ...report(rows), settings: { ...report(rows).settings, rounds: 3 } });
    expect(lineOf(text, 'GET /api/articles')).toContain('2000 / 1900 / 1500');
  });

  it('when the baselines were left out, then the report says why and has no share columns', () => {
    const text = formatReport({
      ...report([row('monolith', 'GET /api/tags', {})]),
      baselinesSkipped: '(b) and (c) are SQLite floors',
    });
    expect(text).toContain('No shares: (b) and (c) are SQLite floors.');
    expect(text).not.toContain('vs (b)');
  });

  it('when tracing variants ran, then what tracing costs a request is printed as a share of its CPU', () => {
    const text = formatReport({
      ...report(rows),
      tracingCosts: [
        {
          pattern: 'monolith',
          endpoint: 'GET /api/articles?limit=20',
          offMicros: 300,
          unsampledMicros: 320,
          sampledMicros: 400,
          unsampledShare: 20 / 320,
          sampledShare: 0.25,
        },
      ],
    });
    expect(text).toContain(
      'monolith GET /api/articles?limit=20: off 300 µs/req; on, unsampled 320 µs (+6 %); on, every request sampled 400 µs (+25 %)',
    );
  });
});
