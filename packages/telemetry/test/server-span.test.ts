import { ROOT_CONTEXT } from '@opentelemetry/api';
import { BasicTracerProvider, ParentBasedSampler } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { NewTraceSampler } from '../src/new-trace-sampler.js';
import { startServerSpan } from '../src/server-span.js';
import type { Tracing } from '../src/tracing.js';

/** A server that records every new trace it is asked about, on a provider whose own sampler records none. */
function tracingThatSamplesRequestsOnly(): Tracing {
  const provider = new BasicTracerProvider({
    sampler: new ParentBasedSampler({ root: new NewTraceSampler(0, 1_000) }),
  });
  return {
    enabled: true,
    tracer: provider.getTracer('server-span-test'),
    sampleNewTrace: () => true,
    flush: () => provider.forceFlush(),
  };
}

describe('startServerSpan', () => {
  const request = { method: 'GET', route: '/api/articles', url: '/api/articles?limit=20', headers: {} };

  // Regression: the "already sampled" mark stayed in every context derived from a sampled request, so
  // a root span started later from its async work was recorded without the sampler's say.
  it('when a sampled request starts a new trace, then its span and children are recorded, a root span started from its context is not', () => {
    const tracing = tracingThatSamplesRequestsOnly();
    const { context, span } = startServerSpan(tracing, request);
    expect(span?.isRecording()).toBe(true);
    expect(tracing.tracer.startSpan('child', {}, context).isRecording()).toBe(true);
    expect(tracing.tracer.startSpan('later work', { root: true }, context).isRecording()).toBe(false);
    expect(tracing.tracer.startSpan('new trace', {}, ROOT_CONTEXT).isRecording()).toBe(false);
  });
});
