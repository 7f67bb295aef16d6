import { type Sampler, SamplingDecision, type SamplingResult } from '@opentelemetry/sdk-trace-base';

/**
 * Records every new trace while traffic is light and at most `perSecond` of them a second under load
 * (a token bucket holding one second's worth). A learner poking at the API sees every request; a
 * benchmark at a thousand requests a second pays for recording only a few of them.
 */
export class TracesPerSecondSampler implements Sampler {
  #tokens: number;
  #refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#tokens = perSecond;
    this.#refilledAt = now();
  }

  shouldSample(): SamplingResult {
    const now = this.now();
    this.#tokens = Math.min(
      this.perSecond,
      this.#tokens + ((now - this.#refilledAt) / 1000) * this.perSecond,
    );
    this.#refilledAt = now;
    if (this.#tokens < 1) return { decision: SamplingDecision.NOT_RECORD };
    this.#tokens -= 1;
    return { decision: SamplingDecision.RECORD_AND_SAMPLED };
  }

  toString(): string {
    return `TracesPerSecondSampler{${this.perSecond}}`;
  }
}
