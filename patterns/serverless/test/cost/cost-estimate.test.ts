import { describe, expect, it } from 'vitest';
import {
  billedDuration,
  estimateAll,
  estimateAwsLambda,
  estimateAzureConsumption,
  estimateCloudRunFunction,
} from '../../lab/cost-estimate.js';
import {
  AWS_LAMBDA_PRICES,
  AZURE_CONSUMPTION_PRICES,
  CLOUD_RUN_FUNCTION_PRICES,
} from '../../lab/cost-prices.js';

/** Dollars to a hundredth of a cent: the estimates are sums of float products. */
const usd = (value: number) => Math.round(value * 10_000) / 10_000;
const linesOf = (estimate: { lines: { item: string; billableUnits: number; usd: number }[] }) =>
  estimate.lines.map(({ item, billableUnits, usd: cost }) => ({
    item,
    billableUnits: Math.round(billableUnits),
    usd: usd(cost),
  }));

describe('rounding a duration up to the platform step', () => {
  it('when a duration is a hair over a step, then a whole step is billed; an exact one is billed as is', () => {
    expect(billedDuration(1.0001, 1)).toBe(2); // Lambda: 1.0001 ms → 2 ms
    expect(billedDuration(120, 1)).toBe(120);
    expect(billedDuration(101, 100)).toBe(200); // Cloud Run: 101 ms → 200 ms
    expect(billedDuration(0.3, 0.1)).toBe(0.30000000000000004); // 3 steps of 0.1, not 4 from float noise
  });

  it('when a duration is under the minimum, then the minimum is billed', () => {
    expect(billedDuration(40, 1, 100)).toBe(100); // Azure: 40 ms → 100 ms
    expect(billedDuration(100.2, 1, 100)).toBe(101);
  });
});

describe('AWS Lambda (x86, us-east-1)', () => {
  it('when the compute fits the free tier, then only the requests past the first million are billed', () => {
    // 3,000,000 requests × 120.4 ms → 121 ms × 512 MB (0.5 GB) = 3e6 × 0.121 × 0.5 = 181,500 GB-s < 400,000 free → $0.
    // Requests: 3,000,000 − 1,000,000 = 2,000,000 × $0.20 / 1e6 = $0.40.
    const estimate = estimateAwsLambda({ requestsPerMonth: 3_000_000, meanDurationMs: 120.4, memoryMb: 512 });
    expect(estimate.billedDurationMs).toBe(121);
    expect(linesOf(estimate)).toEqual([
      { item: 'requests', billableUnits: 2_000_000, usd: 0.4 },
      { item: 'duration', billableUnits: 0, usd: 0 },
    ]);
    expect(usd(estimate.totalUsd)).toBe(0.4);
  });

  it('when the compute passes the free tier, then the GB-seconds past 400,000 are billed at the first tier', () => {
    // 10,000,000 × 200 ms × 1024 MB (1 GB) = 2,000,000 GB-s; − 400,000 = 1,600,000 × $0.0000166667 = $26.66672.
    // Requests: 9,000,000 × $0.20 / 1e6 = $1.80. Total $28.46672 → $28.4667.
    const estimate = estimateAwsLambda({ requestsPerMonth: 10_000_000, meanDurationMs: 200, memoryMb: 1024 });
    expect(linesOf(estimate)).toEqual([
      { item: 'requests', billableUnits: 9_000_000, usd: 1.8 },
      { item: 'duration', billableUnits: 1_600_000, usd: 26.6667 },
    ]);
    expect(usd(estimate.totalUsd)).toBe(28.4667);
  });

  it('when the GB-seconds reach the second tier, then only the part above 6 billion is billed at its rate', () => {
    // 6,000,400,000 GB-s in all: 6,000,000,000 billable after the free 400,000 → all first tier = $100,000.20;
    // with 1,000,000 more GB-s those fall in the second tier at $0.000015 → + $15.
    const atTheEdge = { requestsPerMonth: 6_000_400_000, meanDurationMs: 1000, memoryMb: 1024 };
    const past = { requestsPerMonth: 6_001_400_000, meanDurationMs: 1000, memoryMb: 1024 };
    const durationOf = (w: typeof atTheEdge) =>
      estimateAwsLambda(w).lines.find((l) => l.item === 'duration')!.usd;
    expect(usd(durationOf(atTheEdge))).toBe(100_000.2);
    expect(usd(durationOf(past) - durationOf(atTheEdge))).toBe(15);
  });

  it('when the memory is outside 128–10,240 MB, then the estimate refuses it', () => {
    expect(() => estimateAwsLambda({ requestsPerMonth: 1, meanDurationMs: 1, memoryMb: 64 })).toThrow(
      'Lambda memory is 128 to 10240 MB in 1 MB steps; got 64 MB',
    );
  });
});

describe('Google Cloud Run functions (2nd gen, Tier 1, request-based billing)', () => {
  it('when the workload passes every free tier, then requests, vCPU-seconds and GiB-seconds are each billed', () => {
    // 10,000,000 requests × 150 ms → 200 ms (100 ms steps) = 2,000,000 instance-seconds.
    // CPU: 2,000,000 × 1 vCPU − 180,000 = 1,820,000 × $0.000024 = $43.68.
    // Memory: 2,000,000 × 0.5 GiB = 1,000,000 − 360,000 = 640,000 × $0.0000025 = $1.60.
    // Requests: 10,000,000 − 2,000,000 = 8,000,000 × $0.40 / 1e6 = $3.20. Total $48.48.
    const estimate = estimateCloudRunFunction({
      requestsPerMonth: 10_000_000,
      meanDurationMs: 150,
      memoryMb: 512,
    });
    expect(estimate.billedDurationMs).toBe(200);
    expect(linesOf(estimate)).toEqual([
      { item: 'requests', billableUnits: 8_000_000, usd: 3.2 },
      { item: 'cpu', billableUnits: 1_820_000, usd: 43.68 },
      { item: 'memory', billableUnits: 640_000, usd: 1.6 },
    ]);
    expect(usd(estimate.totalUsd)).toBe(48.48);
  });

  it('when the learner picks a fraction of a vCPU, then the CPU line shrinks with it', () => {
    // 1,000,000 × 100 ms = 100,000 s × 0.5 vCPU = 50,000 vCPU-s, inside the 180,000 free → $0; all else free too.
    const estimate = estimateCloudRunFunction({
      requestsPerMonth: 1_000_000,
      meanDurationMs: 100,
      memoryMb: 256,
      vcpu: 0.5,
    });
    expect(usd(estimate.totalUsd)).toBe(0);
    expect(() =>
      estimateCloudRunFunction({ requestsPerMonth: 1, meanDurationMs: 1, memoryMb: 256, vcpu: 0 }),
    ).toThrow('a Cloud Run function needs a positive vCPU count; got 0');
  });
});

describe('Azure Functions Consumption plan', () => {
  it('when the published example is priced, then it costs what the example says', () => {
    // 3,000,000 executions × 1 s × 1,536 MB (1.5 GB) = 4,500,000 GB-s − 400,000 = 4,100,000 × $0.000016 = $65.60.
    // Executions: 2,000,000 × $0.20 / 1e6 = $0.40. Total $66.00.
    const estimate = estimateAzureConsumption({
      requestsPerMonth: 3_000_000,
      meanDurationMs: 1000,
      memoryMb: 1536,
    });
    expect(linesOf(estimate)).toEqual([
      { item: 'requests', billableUnits: 2_000_000, usd: 0.4 },
      { item: 'duration', billableUnits: 4_100_000, usd: 65.6 },
    ]);
    expect(usd(estimate.totalUsd)).toBe(66);
  });

  it('when memory and duration fall between steps, then memory rounds up to 128 MB and a short run to 100 ms', () => {
    // 200 MB → 256 MB (0.25 GB); 40 ms → the 100 ms minimum. 5,000,000 × 0.1 s × 0.25 GB = 125,000 GB-s, free.
    // Executions: 4,000,000 × $0.20 / 1e6 = $0.80.
    const estimate = estimateAzureConsumption({
      requestsPerMonth: 5_000_000,
      meanDurationMs: 40,
      memoryMb: 200,
    });
    expect(estimate.billedMemoryMb).toBe(256);
    expect(estimate.billedDurationMs).toBe(100);
    expect(usd(estimate.totalUsd)).toBe(0.8);
    // 129 MB is billed as 256 MB, 128 MB as itself.
    expect(
      estimateAzureConsumption({ requestsPerMonth: 1, meanDurationMs: 1, memoryMb: 129 }).billedMemoryMb,
    ).toBe(256);
    expect(
      estimateAzureConsumption({ requestsPerMonth: 1, meanDurationMs: 1, memoryMb: 128 }).billedMemoryMb,
    ).toBe(128);
  });

  it('when the memory passes the 1,536 MB the plan bills, then the estimate refuses it', () => {
    expect(() =>
      estimateAzureConsumption({ requestsPerMonth: 1, meanDurationMs: 1, memoryMb: 2048 }),
    ).toThrow('the Consumption plan bills at most 1536 MB; got 2048 MB');
  });
});

describe('one workload on the three platforms', () => {
  it('when the same workload is priced everywhere, then each platform answers with its own rounding', () => {
    // 2,000,000 × 1 ms × 128 MB: Lambda bills 1 ms, Cloud Run 100 ms, Azure the 100 ms minimum.
    const [aws, gcf, azure] = estimateAll({ requestsPerMonth: 2_000_000, meanDurationMs: 1, memoryMb: 128 });
    expect([aws?.platform, gcf?.platform, azure?.platform]).toEqual(['aws', 'gcf', 'azure']);
    expect([aws?.billedDurationMs, gcf?.billedDurationMs, azure?.billedDurationMs]).toEqual([1, 100, 100]);
    // Lambda and Azure bill 1,000,000 requests past the free million ($0.20); their GB-s (250 and 25,000) are free.
    // Cloud Run's 2 million requests are free, but its 100 ms step makes 2,000,000 × 0.1 s × 1 vCPU = 200,000
    // vCPU-s, 20,000 past the free 180,000 × $0.000024 = $0.48: the rounding, not the price, decides here.
    expect([aws, gcf, azure].map((e) => usd(e?.totalUsd ?? Number.NaN))).toEqual([0.2, 0.48, 0.2]);
  });

  it('when a figure is negative or not a number, then the estimate names it', () => {
    expect(() => estimateAll({ requestsPerMonth: -1, meanDurationMs: Number.NaN, memoryMb: 128 })).toThrow(
      'a workload needs finite, non-negative figures; got requestsPerMonth=-1, meanDurationMs=NaN',
    );
  });
});

describe('the price data', () => {
  it('when the prices are read, then each platform names its sources, the day they were read, and an official one', () => {
    for (const { sources } of [AWS_LAMBDA_PRICES, CLOUD_RUN_FUNCTION_PRICES, AZURE_CONSUMPTION_PRICES]) {
      expect(sources.length).toBeGreaterThan(0);
      expect(sources.some((source) => source.official)).toBe(true);
      for (const source of sources) {
        expect(source.url).toMatch(/^https:\/\//);
        expect(source.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });
});
