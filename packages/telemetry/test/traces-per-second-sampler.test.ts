import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { TracesPerSecondSampler } from '../src/traces-per-second-sampler.js';

describe('TracesPerSecondSampler', () => {
  const decisions = (sampler: TracesPerSecondSampler, count: number) =>
    Array.from(
      { length: count },
      () => sampler.shouldSample().decision === SamplingDecision.RECORD_AND_SAMPLED,
    );

  it('when more new traces arrive at once than the budget, then only the budget is recorded', () => {
    let now = 0;
    const sampler = new TracesPerSecondSampler(3, () => now);
    expect(decisions(sampler, 5)).toEqual([true, true, true, false, false]);
    now += 500;
    expect(decisions(sampler, 3)).toEqual([true, false, false]);
  });

  it('when traffic is light, then every trace is recorded', () => {
    let now = 0;
    const sampler = new TracesPerSecondSampler(2, () => now);
    for (let i = 0; i < 10; i++) {
      now += 500;
      expect(decisions(sampler, 1)).toEqual([true]);
    }
  });
});
