import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { startChildSpan } from './child-span.js';
import { spanClock } from './clock.js';
import type { DownstreamCall } from './downstream.js';
import { type DownstreamOutcome, recordDownstreamCall } from './metrics.js';

export interface TracedCall extends DownstreamCall {
  /** The client span's name, e.g. `identity.GetProfile` for a SOAP operation. */
  spanName: string;
  /** Extra span attributes, e.g. `rpc.system: 'soap'`. */
  attributes?: Record<string, string | number | boolean>;
}

/**
 * One call to another service made by a client other than tracedRequest (a SOAP client, say): a client
 * span that is the current span's child, the W3C trace context headers for `run` to send, and its
 * duration recorded per target, route and outcome in `downstream_request_duration_seconds`.
 * `failureOutcome` says what a rejection was: an answer of the service (`ok`, like an HTTP 4xx), an
 * `error` or a `timeout`. Call it once per attempt, inside any retry or breaker.
 */
export async function tracedCall<T>(
  call: TracedCall,
  run: (headers: Record<string, string>) => Promise<T>,
  failureOutcome: (error: unknown) => DownstreamOutcome,
): Promise<T> {
  const span = startChildSpan(call.spanName, SpanKind.CLIENT, () => ({
    'peer.service': call.target,
    ...call.attributes,
  }));
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const answer = await run(headers);
    recordDownstreamCall(call.target, call.route, 'ok', seconds());
    return answer;
  } catch (error) {
    const outcome = failureOutcome(error);
    recordDownstreamCall(call.target, call.route, outcome, seconds());
    span.setAttribute('error.type', (error as Error).name);
    if (outcome !== 'ok') {
      span.setStatus({ code: SpanStatusCode.ERROR, message: `${outcome}: ${(error as Error).message}` });
    }
    throw error;
  } finally {
    span.end(spanClock());
  }
}

/**
 * Time a request spends waiting inside a process (for a free instance, a slot, a lock) as an internal
 * span, the current span's child, so a waterfall shows the wait apart from the work that follows.
 */
export async function tracedWait<T>(spanName: string, wait: () => Promise<T>): Promise<T> {
  const span = startChildSpan(spanName, SpanKind.INTERNAL);
  try {
    return await wait();
  } finally {
    span.end(spanClock());
  }
}
