import type { BenchReport, BenchRow } from '@journey/orchestrator';
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
