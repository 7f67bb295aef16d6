import type { Context } from '@opentelemetry/api';
import { type Sampler, SamplingDecision, type SamplingResult } from '@opentelemetry/sdk-trace-base';
import { sampledAlready } from './sampled-new-trace.js';
import { TraceBudget } from './trace-budget.js';

const RECORD: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });
const DROP: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });

/**
 * Whether a new trace is recorded: its share (JOURNEY_TRACE_SAMPLE_RATIO) and the per-second budget.
 * A server asks `sampleNewTrace()` before it makes anything for a request, so a request that is not
 * recorded costs no span, no ids and no attributes; one that is starts its span in `SAMPLED_NEW_TRACE`,
 * which this sampler, as the provider's root sampler, records without asking the budget twice.
 * Spans with a parent follow the parent (ParentBasedSampler), so only roots ever get here.
 */
export class NewTraceSampler implements Sampler {
  readonly #budget: TraceBudget;

  constructor(
    private readonly ratio: number,
    perSecond: number,
  ) {
    this.#budget = new TraceBudget(perSecond);
  }

  sampleNewTrace(): boolean {
    // Only roots decide and children follow their parent, so a trace-id-based ratio would buy nothing.
    return (this.ratio >= 1 || Math.random() < this.ratio) && this.#budget.take();
  }

  shouldSample(context: Context): SamplingResult {
    return context.getValue(sampledAlready) === true || this.sampleNewTrace() ? RECORD : DROP;
  }

  toString(): string {
    return `NewTraceSampler{ratio ${this.ratio}, ${this.#budget}}`;
  }
}
