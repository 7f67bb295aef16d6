import type { IncomingHttpHeaders } from 'node:http';
import {
  type Context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { spanClock } from './clock.js';
import { randomTraceIds } from './random-ids.js';
import { SAMPLED_NEW_TRACE, sampledAlready } from './sampled-new-trace.js';
import type { Tracing } from './tracing.js';

/** What a server span is made of: the request line, the matched route pattern and the headers. */
export interface ServerRequest {
  method: string;
  /** The route pattern, e.g. `/api/articles/:slug`; undefined when no route matched. */
  route: string | undefined;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface ServerSpan {
  /** What the request runs in, so the calls it makes carry its trace, recorded or not, along. */
  context: Context;
  /** The span to end when the answer has gone out; undefined when the request is not recorded. */
  span: Span | undefined;
}

/**
 * A request's server span, continued from the caller's `traceparent`. Whether it is recorded is
 * decided first, from the header or from the sampler, so a request that is not recorded (most of
 * them under load) costs no span, attributes or clock reads: only a context for its outgoing calls.
 */
export function startServerSpan(tracing: Tracing, request: ServerRequest): ServerSpan {
  // Extract only when there is something to extract: most requests start a trace.
  const caller =
    request.headers.traceparent === undefined
      ? undefined
      : propagation.extract(ROOT_CONTEXT, request.headers);
  const callerSpan = caller && trace.getSpanContext(caller);
  let parent: Context;
  if (caller && callerSpan) {
    // The caller decided for the whole trace: what it does not record, no service records.
    if ((callerSpan.traceFlags & TraceFlags.SAMPLED) === 0) return { context: caller, span: undefined };
    parent = caller;
  } else {
    if (!tracing.sampleNewTrace()) return { context: unrecordedTrace(), span: undefined };
    parent = SAMPLED_NEW_TRACE;
  }
  const { method, route } = request;
  const span = tracing.tracer.startSpan(
    route ? `${method} ${route}` : method,
    {
      kind: SpanKind.SERVER,
      startTime: spanClock(),
      // https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-server
      attributes: {
        'http.request.method': method,
        'http.route': route ?? '',
        'url.path': request.url.split('?', 1)[0]!,
      },
    },
    parent,
  );
  // The mark is for this span alone: the request's context is inherited by the async work it begins
  // (a relay's batch, a timer), and a root span started there is a new trace that takes its own token.
  return { context: trace.setSpan(parent.deleteValue(sampledAlready), span), span };
}

/**
 * A new trace that nobody records: its `traceparent` (fresh ids, not sampled) tells the services the
 * request calls not to record their part either, instead of each starting a trace of its own.
 */
function unrecordedTrace(): Context {
  return trace.setSpanContext(ROOT_CONTEXT, { ...randomTraceIds(), traceFlags: TraceFlags.NONE });
}
