import { describe, expect, it } from 'vitest';
import { describeDistribution, distribution, histogram, percentile } from '../../lab/latency.js';

describe('percentile', () => {
  it('answers a latency some call took (nearest rank)', () => {
    const sorted = [10, 20, 30, 40];
    expect(percentile(sorted, 0.5)).toBe(20);
    expect(percentile(sorted, 0.51)).toBe(30);
    expect(percentile(sorted, 0.99)).toBe(40);
    expect(percentile(sorted, 0)).toBe(10);
  });

  it('refuses an empty set rather than inventing a figure', () => {
    expect(() => percentile([], 0.5)).toThrow(/no latencies/);
  });
});

describe('distribution', () => {
  it('sorts, rounds and reports p50, p90, p99 and max of a bimodal storm', () => {
    const warm = Array.from({ length: 45 }, (_, i) => 10 + i * 0.1);
    const cold = [900.4, 950, 1000, 1100, 1200.6];
    expect(distribution([...cold, ...warm])).toEqual({
      count: 50,
      p50Ms: 12,
      p90Ms: 14,
      p99Ms: 1201,
      maxMs: 1201,
    });
  });

  it('reads as one line', () => {
    expect(describeDistribution(distribution([5, 7]))).toBe(
      '2 calls: p50 5 ms, p90 7 ms, p99 7 ms, max 7 ms',
    );
  });
});

describe('histogram', () => {
  it('puts every call in one of the equal buckets, the fullest bar the widest', () => {
    const lines = histogram([0, 1, 2, 3, 96, 97, 98, 99, 100, 50], 4, 8);
    expect(lines).toEqual([
      '  0–26 ms │██████ 4',
      ' 26–52 ms │██ 1',
      ' 52–78 ms │ 0',
      '78–104 ms │████████ 5',
    ]);
  });

  it('draws nothing for no calls and one full bar for identical ones', () => {
    expect(histogram([])).toEqual([]);
    expect(histogram([5, 5, 5], 2, 3)).toEqual(['5–6 ms │███ 3', '6–7 ms │ 0']);
  });
});
