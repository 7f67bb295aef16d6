import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, SpanStatusCode } from '@opentelemetry/api';
import { spanClock } from './clock.js';
import { startServerSpan } from './server-span.js';
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
  const { context: active, span } = startServerSpan(tracing, {
    method: req.method ?? 'GET',
    route,
    url: req.url ?? '/',
    headers: req.headers,
  });
  if (span) {
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
  }
  context.with(active, handle);
}

/** Flushes the spans a `traceNodeRequest` server has buffered, for its shutdown. */
export const flushNodeRequestSpans = (service: string): Promise<void> => startTracing(service).flush();
