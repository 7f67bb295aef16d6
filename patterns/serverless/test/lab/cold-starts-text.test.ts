import { describe, expect, it } from 'vitest';
import { type ColdStartFigures, coldStartText } from '../../lab/cold-starts.bench.js';

const figures: ColdStartFigures = {
  starts: 10,
  cold: { count: 10, p50Ms: 900, p90Ms: 1400, p99Ms: 1500, maxMs: 1500 },
  coldHistogram: ['900–1200 ms │██ 6', '1200–1500 ms │█ 4'],
  coldStatuses: '2xx 10',
  warm: { count: 100, p50Ms: 12, p90Ms: 20, p99Ms: 40, maxMs: 41 },
  warmStatuses: '2xx 100',
  functions: [
    {
      name: 'tags',
      peakInstances: 2,
      invocations: 22,
      coldStarts: 2,
      cold: { p50Ms: 700.4, p99Ms: 899.6, maxMs: 900 },
      warm: { p50Ms: 3, p99Ms: 9, maxMs: 9 },
    },
  ],
  coldStarts: 11,
  peakInstances: 11,
  cost: {
    workload: '1,000,000 requests a month, 6 ms average (measured warm), 1024 MB',
    rows: [{ platform: 'AWS Lambda', monthlyUsd: 0.3, breakdown: 'requests $0.20 + duration $0.10' }],
  },
};

describe('the cold-starts bench text', () => {
  it('prints cold against warm, per function, the instances and the month’s cost', () => {
    const text = coldStartText(figures);
    expect(text).toContain('cold: 10 concurrent first calls on a fresh runtime, 10 calls: p50 900 ms');
    expect(text).toContain('  900–1200 ms │██ 6');
    expect(text).toContain('warm: 20 calls a function one after another, 100 calls: p50 12 ms');
    expect(text).toContain('inside the runtime: 11 cold starts, 11 instances at the peak');
    // The runtime measures to the microsecond; a table of milliseconds rounds.
    expect(text).toMatch(/tags\s+2\s+2\s+700 \/ 900\s+3 \/ 9/);
    expect(text).toMatch(/AWS Lambda\s+\$0\.30\s+requests \$0\.20 \+ duration \$0\.10/);
  });

  it('leaves the cost out when the runtime measured no warm call', () => {
    expect(coldStartText({ ...figures, cost: null })).not.toContain('cost of');
  });
});
