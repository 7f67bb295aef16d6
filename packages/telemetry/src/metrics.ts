import { Counter, collectDefaultMetrics, Histogram, register } from 'prom-client';

/** Outcome of a call to another service, as the `outcome` label of `downstream_request_duration_seconds`. */
export type DownstreamOutcome = 'ok' | 'error' | 'timeout' | 'circuit_open';

// From a cached page (~1 ms) to a dependency timing out (seconds).
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Metrics {
  serverDuration: Histogram<'method' | 'route' | 'status_code'>;
  serverRequests: Counter<'method' | 'route' | 'status_code'>;
  downstreamDuration: Histogram<'target' | 'route' | 'outcome'>;
}

let metrics: Metrics | undefined;

/** The process's metrics in prom-client's default registry, created once however many servers the process builds. */
function processMetrics(): Metrics {
  if (metrics) return metrics;
  collectDefaultMetrics();
  metrics = {
    serverDuration: new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Time from receiving a request to sending its response, per route',
      labelNames: ['method', 'route', 'status_code'],
      buckets: latencyBuckets,
    }),
    serverRequests: new Counter({
      name: 'http_server_requests_total',
      help: 'Requests answered, per route and status code',
      labelNames: ['method', 'route', 'status_code'],
    }),
    downstreamDuration: new Histogram({
      name: 'downstream_request_duration_seconds',
      help: 'Calls to other services: time to the response headers, per target service, route and outcome',
      labelNames: ['target', 'route', 'outcome'],
      buckets: latencyBuckets,
    }),
  };
  return metrics;
}

export function recordServerRequest(
  method: string,
  route: string,
  statusCode: number,
  seconds: number,
): void {
  const { serverDuration, serverRequests } = processMetrics();
  const labels = { method, route, status_code: statusCode };
  serverDuration.observe(labels, seconds);
  serverRequests.inc(labels);
}

export function recordDownstreamCall(
  target: string,
  route: string,
  outcome: DownstreamOutcome,
  seconds: number,
): void {
  processMetrics().downstreamDuration.observe({ target, route, outcome }, seconds);
}

const sizeHistograms = new Map<string, Histogram<'target' | 'direction'>>();

/**
 * A histogram of message sizes in bytes by target service and direction (`request`, `response`), e.g.
 * `soap_message_bytes`: what a protocol's envelopes cost on the wire. One per name in this process.
 */
export function messageSizeRecorder(
  name: string,
  help: string,
): (target: string, direction: 'request' | 'response', bytes: number) => void {
  processMetrics();
  let histogram = sizeHistograms.get(name);
  if (!histogram) {
    histogram = new Histogram({
      name,
      help,
      labelNames: ['target', 'direction'],
      // From a small envelope (~300 B) to a page of articles (~100 KiB) and past it.
      buckets: [256, 512, 1024, 2048, 4096, 8192, 16_384, 32_768, 65_536, 131_072, 262_144, 1_048_576],
    });
    sizeHistograms.set(name, histogram);
  }
  const recorded = histogram;
  return (target, direction, bytes) => recorded.observe({ target, direction }, bytes);
}

/** The Prometheus text exposition of everything this process recorded. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  processMetrics();
  return { contentType: register.contentType, body: await register.metrics() };
}
