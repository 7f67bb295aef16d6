import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type Dispatcher, request } from 'undici';
import { startChildSpan } from './child-span.js';
import { spanClock } from './clock.js';
import { type DownstreamOutcome, recordDownstreamCall } from './metrics.js';

/** Which service is called, and which of its routes: the labels and span name of one call. */
export interface DownstreamCall {
  /** The called service's name, e.g. "profiles": the `target` label and the span's `peer.service`. */
  target: string;
  /** The route pattern on that service, e.g. "/profiles/:username", never the path with real ids (label cardinality). */
  route: string;
}

/** undici's request options, with headers as a plain object so `traceparent` can be added. */
export type TracedRequestOptions = Omit<
  Dispatcher.RequestOptions,
  'origin' | 'path' | 'method' | 'headers'
> & {
  method?: Dispatcher.HttpMethod;
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
};

/**
 * One HTTP call to another service over undici, as a client span that is the current span's child,
 * with W3C `traceparent` added to the headers and its duration recorded per target, route and
 * outcome. Resolves like undici's `request` once the headers arrive (read or dump the body); a 5xx
 * counts as an error, a 4xx as an answer, an aborted call as a timeout. Call it once per attempt,
 * inside any retry or breaker, and report the calls a breaker refused with `recordCircuitOpen`.
 */
export async function tracedRequest(
  call: DownstreamCall,
  url: string | URL,
  options: TracedRequestOptions = {},
): Promise<Dispatcher.ResponseData> {
  const method = options.method ?? 'GET';
  const target = new URL(url);
  // https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-client
  const span = startChildSpan(`${method} ${call.route}`, SpanKind.CLIENT, () => ({
    'http.request.method': method,
    'http.route': call.route,
    'url.full': target.href,
    'server.address': target.hostname,
    'server.port': Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
    'peer.service': call.target,
  }));
  const headers = { ...options.headers };
  propagation.inject(trace.setSpan(context.active(), span), headers);
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const response = await request(target, { ...options, method, headers });
    const outcome: DownstreamOutcome = response.statusCode >= 500 ? 'error' : 'ok';
    recordDownstreamCall(call.target, call.route, outcome, seconds());
    span.setAttribute('http.response.status_code', response.statusCode);
    if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    return response;
  } catch (error) {
    const outcome = isTimeout(error) ? 'timeout' : 'error';
    recordDownstreamCall(call.target, call.route, outcome, seconds());
    span.setAttribute('error.type', (error as Error).name);
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${outcome}: ${(error as Error).message}` });
    throw error;
  } finally {
    span.end(spanClock());
  }
}

/**
 * Records a call the circuit breaker refused without trying: outcome `circuit_open` in the metrics,
 * and a zero-length failed client span so the waterfall shows why the dependency was skipped.
 */
export function recordCircuitOpen(call: DownstreamCall): void {
  recordDownstreamCall(call.target, call.route, 'circuit_open', 0);
  const span = startChildSpan(`${call.route} (circuit open)`, SpanKind.CLIENT, () => ({
    'http.route': call.route,
    'peer.service': call.target,
  }));
  span.setStatus({ code: SpanStatusCode.ERROR, message: 'circuit open: call not attempted' });
  span.end(spanClock());
}

// undici's own timeouts, AbortSignal.timeout(), and any other abort: in this lab a call is aborted
// only when its caller's time budget ran out (cockatiel's timeout policy aborts without a reason).
const timeoutCodes = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_ABORTED',
]);
function isTimeout(error: unknown): boolean {
  const { name, code } = error as { name?: string; code?: string };
  return name === 'TimeoutError' || name === 'AbortError' || (code !== undefined && timeoutCodes.has(code));
}
