import { describe, expect, it } from 'vitest';
import { estimateAll } from '../../lab/cost-estimate.js';
import { functionsReport } from '../../platforms/local/functions-report.js';

const input = { runtime: 'test runtime', units: [], memoryMb: 512, requestsPerMonth: 3_000_000 };

describe('functionsReport', () => {
  it('when a warm duration is measured, then the cost is each platform’s estimate for that workload', () => {
    const report = functionsReport({ ...input, meanWarmMs: 38 });
    const expected = estimateAll({ requestsPerMonth: 3_000_000, meanDurationMs: 38, memoryMb: 512 });

    expect(report.cost!.workload).toBe('3,000,000 requests a month, 38 ms average (measured warm), 512 MB');
    expect(report.cost!.rows.map(({ monthlyUsd }) => monthlyUsd)).toEqual(
      expected.map(({ totalUsd }) => totalUsd),
    );
    expect(report.cost!.rows.map(({ platform }) => platform)).toEqual([
      'AWS Lambda',
      'Cloud Run functions',
      'Azure Functions (Consumption)',
    ]);
  });

  it('when nothing has run warm yet, then the report has no cost rather than a made-up one', () => {
    expect(functionsReport({ ...input, meanWarmMs: undefined })).toEqual({
      unit: 'functions',
      runtime: 'test runtime',
      units: [],
    });
  });
});
