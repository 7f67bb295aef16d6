import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { spanClock } from './clock.js';
import { startTracing } from './tracing.js';

/**
 * A server span for a request that a plain `node:http` server answers (a gateway, not a Fastify app,
 * which `instrumentServer` covers): continued from the caller's `traceparent`, named after the route,
 * ended when the answer has gone out or the client has left. `handle` runs inside it, so the calls
 * made for the request (`tracedCall`, `tracedWait`) become the span's children.
 */
export function traceNodeRequest(
  service: string,
  request: { req: IncomingMessage; res: ServerResponse; route: string },
  handle: () => void,
): void {
  const tracing = startTracing(service);
  if (!tracing.enabled) {
    handle();
    return;
  }
  const { req, res, route } = request;
  const method = req.method ?? 'GET';
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracing.tracer.startSpan(
    `${method} ${route}`,
    {
      kind: SpanKind.SERVER,
      startTime: spanClock(),
      // https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-server
      attributes: {
        'http.request.method': method,
        'http.route': route,
        'url.path': (req.url ?? '/').split('?', 1)[0]!,
      },
    },
    parent,
  );
  res.once('close', () => {
    if (res.writableFinished) {
      span.setAttribute('http.response.status_code', res.statusCode);
      // A 4xx is the client's mistake, not the server's: only 5xx marks a server span as failed.
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    } else {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the connection' });
    }
    span.end(spanClock());
  });
  context.with(trace.setSpan(parent, span), handle);
}

/** Flushes the spans a `traceNodeRequest` server has buffered, for its shutdown. */
export const flushNodeRequestSpans = (service: string): Promise<void> => startTracing(service).flush();
