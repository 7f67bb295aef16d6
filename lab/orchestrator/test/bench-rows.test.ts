import { describe, expect, it } from 'vitest';
import {
  type BenchRow,
  type RoundFigures,
  rowOfRounds,
  withBaselineShares,
} from '../src/bench/bench-rows.js';
import { TRACING_VARIANTS, tracingCosts, tracingTarget } from '../src/bench/tracing-variants.js';

const round = (requestsPerSec: number, figures: Partial<RoundFigures> = {}): RoundFigures => ({
  requestsPerSec,
  p50Ms: 10,
  p99Ms: 20,
  failures: 0,
  total: requestsPerSec * 5,
  peakRssBytes: 100,
  cpuSeconds: 1,
  ...figures,
});

const row = (target: string, endpoint: string, requestsPerSec: number, cpu?: number): BenchRow => ({
  target,
  endpoint,
  requestsPerSec,
  p50Ms: 1,
  p99Ms: 2,
  peakRssBytes: 0,
  processes: 1,
  failures: 0,
  total: 1,
  ...(cpu !== undefined && { cpuMicrosPerRequest: cpu }),
});

describe('bench rows', () => {
  it('when a row ran several rounds, then latency comes from the best, CPU per request from all, and the spread shows each', () => {
    const measured = rowOfRounds({ name: 'monolith', processes: 1 }, 'GET /api/tags', [
      round(1_000, { p50Ms: 12, total: 4_000, cpuSeconds: 2, peakRssBytes: 300, failures: 1 }),
      round(2_000, { p50Ms: 6, p99Ms: 15, total: 6_000, cpuSeconds: 2 }),
      round(1_500, { total: 0, cpuSeconds: 0 }),
    ]);
    expect(measured).toMatchObject({
      requestsPerSec: 2_000,
      p50Ms: 6,
      p99Ms: 15,
      peakRssBytes: 300,
      failures: 1,
      total: 10_000,
      spread: { best: 2_000, median: 1_500, worst: 1_000 },
    });
    // 4 CPU seconds over 10,000 requests.
    expect(measured.cpuMicrosPerRequest).toBeCloseTo(400);
  });

  it('when a row ran an even number of rounds, then its median lies between the middle two', () => {
    const measured = rowOfRounds({ name: 'x', processes: 1 }, 'GET /', [
      round(1),
      round(4),
      round(2),
      round(3),
    ]);
    expect(measured.spread).toEqual({ best: 4, median: 2.5, worst: 1 });
  });

  it('when reads and writes are measured, then reads are shares of (b) and writes of (c), baselines included', () => {
    const b = row('(b) raw', 'GET / (20 rows, one query)', 8_000);
    const c = row('(c) raw insert', 'POST / (one row, one transaction)', 4_000);
    const rows = withBaselineShares(
      [
        row('(a) hello', 'GET /', 32_000),
        b,
        c,
        row('monolith', 'GET /api/articles?limit=20', 4_000),
        row('monolith', 'POST /api/articles', 1_000),
        row('monolith', 'POST /api/articles/:slug/favorite', 2_000),
      ],
      { read: b, write: c },
    );
    expect(rows.map((r) => [r.endpoint, r.versus])).toEqual([
      ['GET /', { baseline: '(b)', share: 4 }],
      ['GET / (20 rows, one query)', { baseline: '(b)', share: 1 }],
      ['POST / (one row, one transaction)', { baseline: '(c)', share: 1 }],
      ['GET /api/articles?limit=20', { baseline: '(b)', share: 0.5 }],
      ['POST /api/articles', { baseline: '(c)', share: 0.25 }],
      ['POST /api/articles/:slug/favorite', { baseline: '(c)', share: 0.5 }],
    ]);
  });

  it('when a baseline did not run, then the rows it would measure have no share', () => {
    const b = row('(b) raw', 'GET /', 8_000);
    const [read, write] = withBaselineShares(
      [row('monolith', 'GET /api/tags', 4_000), row('monolith', 'POST /api/articles', 1_000)],
      { read: b },
    );
    expect(read!.versus).toEqual({ baseline: '(b)', share: 0.5 });
    expect(write!.versus).toBeUndefined();
  });

  it('when the three tracing variants ran, then tracing costs the share of a traced request’s CPU above the untraced one', () => {
    const [off, unsampled, sampled] = TRACING_VARIANTS.map((variant) => tracingTarget('monolith', variant));
    const endpoint = 'GET /api/articles?limit=20';
    const costs = tracingCosts(
      [row(off!, endpoint, 1, 300), row(unsampled!, endpoint, 1, 320), row(sampled!, endpoint, 1, 400)],
      ['monolith', 'layered'],
    );
    expect(costs).toEqual([
      {
        pattern: 'monolith',
        endpoint,
        offMicros: 300,
        unsampledMicros: 320,
        sampledMicros: 400,
        unsampledShare: 20 / 320,
        sampledShare: 100 / 400,
      },
    ]);
  });

  it('names the variants apart from the pattern, and none of them like a baseline', () => {
    const names = TRACING_VARIANTS.map((variant) => tracingTarget('monolith', variant));
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name).toMatch(/^monolith \(tracing /);
  });
});
