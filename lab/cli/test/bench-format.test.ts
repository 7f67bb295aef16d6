import { type BenchReport, type BenchRow, formatConsumerBatches } from '@journey/orchestrator';
import { describe, expect, it } from 'vitest';
import { formatPatternComparison } from '../src/commands/bench.js';

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

describe('formatConsumerBatches', () => {
  it('when rounds of each batch size were measured, then the best of each is shown against one event per transaction', () => {
    const table = formatConsumerBatches([
      { round: 1, batchSize: 1, events: 1_000, ms: 2_000, eventsPerSec: 500 },
      { round: 1, batchSize: 16, events: 1_000, ms: 800, eventsPerSec: 1_250 },
      { round: 2, batchSize: 1, events: 1_000, ms: 1_600, eventsPerSec: 625 },
      { round: 2, batchSize: 16, events: 1_000, ms: 1_000, eventsPerSec: 1_000 },
    ]);
    const rows = table.split('\n').slice(3);
    expect(rows.map((line) => line.split(/\s+/))).toEqual([
      ['1', '1000', '625', '100%'],
      ['16', '1000', '1250', '200%'],
    ]);
    expect(table).toContain('best of 2 interleaved rounds');
  });
});
