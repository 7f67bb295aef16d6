import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { NewTraceSampler } from '../src/new-trace-sampler.js';
import { SAMPLED_NEW_TRACE } from '../src/sampled-new-trace.js';
import { TraceBudget } from '../src/trace-budget.js';

describe('TraceBudget', () => {
  const takes = (budget: TraceBudget, count: number) => Array.from({ length: count }, () => budget.take());

  it('when more new traces arrive at once than the budget, then only the budget is recorded', () => {
    let now = 0;
    const budget = new TraceBudget(3, () => now);
    expect(takes(budget, 5)).toEqual([true, true, true, false, false]);
    now += 500;
    expect(takes(budget, 3)).toEqual([true, false, false]);
  });

  it('when traffic is light, then every trace is recorded', () => {
    let now = 0;
    const budget = new TraceBudget(2, () => now);
    for (let i = 0; i < 10; i++) {
      now += 500;
      expect(takes(budget, 1)).toEqual([true]);
    }
  });
});

describe('NewTraceSampler', () => {
  const recorded = (sampler: NewTraceSampler, context = ROOT_CONTEXT) =>
    sampler.shouldSample(context).decision === SamplingDecision.RECORD_AND_SAMPLED;

  it('when the ratio is 0, then no new trace is recorded', () => {
    const sampler = new NewTraceSampler(0, 1_000);
    expect(Array.from({ length: 20 }, () => sampler.sampleNewTrace())).not.toContain(true);
    expect(recorded(sampler)).toBe(false);
  });

  it('when the ratio is 1, then new traces are recorded up to the budget', () => {
    const sampler = new NewTraceSampler(1, 2);
    expect([sampler.sampleNewTrace(), recorded(sampler), sampler.sampleNewTrace()]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('when a server already sampled the trace, then its root span is recorded without a second token', () => {
    const sampler = new NewTraceSampler(1, 1);
    expect(sampler.sampleNewTrace()).toBe(true);
    expect(recorded(sampler, SAMPLED_NEW_TRACE)).toBe(true);
    expect(recorded(sampler)).toBe(false);
  });
});
