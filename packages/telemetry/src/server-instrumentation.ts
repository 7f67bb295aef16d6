import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import { spanClock } from './clock.js';
import { metricsText, recordServerRequest } from './metrics.js';
import { startServerSpan } from './server-span.js';
import { startTracing, type Tracing } from './tracing.js';

// Probes from the lab and from Prometheus itself would otherwise be most of what gets recorded.
const unobserved = (route: string | undefined) =>
  route === '/metrics' || route?.startsWith('/health') === true || route?.startsWith('/ready') === true;

// Requests without a matching route share one label, so random URLs cannot grow the label set.
const routeOf = (request: FastifyRequest) => request.routeOptions.url ?? 'unmatched';

/**
 * Gives a Fastify server what every process of every pattern has: `GET /metrics` (Prometheus text),
 * a request-duration histogram and counter per route, and — inside the lab — a server span per
 * request, continued from the caller's `traceparent`, whose trace id joins the request's log lines.
 */
export function instrumentServer<Logger extends FastifyBaseLogger>(
  app: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>,
  service = serviceName(app.log),
  { traced = true }: { traced?: boolean } = {},
): void {
  // Untraced: control-plane traffic (heartbeats, lookups) counted in the metrics but kept out of the
  // traces, where it would bury the requests a learner follows.
  const tracing = traced ? startTracing(service) : undefined;
  if (tracing?.enabled) traceRequests(app, tracing);

  app.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request);
    if (!unobserved(route))
      recordServerRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  if (tracing) app.addHook('onClose', () => tracing.flush());
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await metricsText();
    return reply.type(contentType).send(body);
  });
}

function traceRequests<Logger extends FastifyBaseLogger>(
  app: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, Logger>,
  tracing: Tracing,
): void {
  const spans = new WeakMap<FastifyRequest, Span>();

  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url;
    if (unobserved(route)) return done();
    const { method, url, headers } = request;
    const { context: active, span } = startServerSpan(tracing, { method, route, url, headers });
    if (span) {
      spans.set(request, span);
      const { traceId, spanId } = span.spanContext();
      // The request's own logger (a child per request already, shared with reply.log): no second child.
      (request.log as RequestLogger).setBindings?.({ trace_id: traceId, span_id: spanId });
    }
    context.with(active, done);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      // A 4xx is the client's mistake, not the server's: only 5xx marks a server span as failed.
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end(spanClock());
      spans.delete(request);
    }
    done();
  });

  app.addHook('onRequestAbort', (request, done) => {
    const span = spans.get(request);
    if (span) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the connection' });
      span.end(spanClock());
      spans.delete(request);
    }
    done();
  });
}

/** pino's, which Fastify's logger type leaves out. */
type RequestLogger = FastifyBaseLogger & { setBindings?(bindings: Record<string, string>): void };

/** A pattern names its logger after its process ("monolith", "articles"); OTEL_SERVICE_NAME overrides it. */
function serviceName(log: FastifyBaseLogger): string {
  const fromEnv = process.env.OTEL_SERVICE_NAME;
  if (fromEnv) return fromEnv;
  const bindings = (log as Partial<{ bindings(): Record<string, unknown> }>).bindings?.();
  return typeof bindings?.name === 'string' ? bindings.name : 'conduit';
}
