import { type Attributes, context, type Span, type SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { spanClock } from './clock.js';

const tracer = () => trace.getTracer('@journey/telemetry');

/**
 * A span that is the current span's child, for a call or a wait made while answering a request.
 * Inside a trace that is not recorded it is the parent's own span context, not recording: no ids,
 * no sampler and no attributes are made, and a `traceparent` injected from it still says "not
 * sampled" to the service called. `attributes` runs only for a span that records.
 */
export function startChildSpan(name: string, kind: SpanKind, attributes?: () => Attributes): Span {
  const parent = context.active();
  const parentSpan = trace.getSpanContext(parent);
  if (parentSpan && (parentSpan.traceFlags & TraceFlags.SAMPLED) === 0)
    return trace.wrapSpanContext(parentSpan);
  const span = tracer().startSpan(name, { kind, startTime: spanClock() }, parent);
  if (attributes && span.isRecording()) span.setAttributes(attributes());
  return span;
}
