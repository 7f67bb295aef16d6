import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  durationSec: number;
  warmupSec: number;
}

export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** A fresh body per request (e.g. unique titles for POST /articles); overrides `body`. */
  makeBody?: (sequence: number) => string;
}

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses outside 2xx plus socket errors and timeouts: a row with any is not a valid measurement. */
  failures: number;
  total: number;
}

/** One autocannon run with the shared settings: every row of a bench uses exactly the same ones. */
export async function load(request: LoadRequest, settings: LoadSettings): Promise<LoadResult> {
  let sequence = 0;
  const makeBody = request.makeBody;
  const result = await autocannon({
    url: request.url,
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    // Not autocannon's idReplacement: its Content-Length arithmetic assumes a fixed id length and
    // left every request hanging here.
    ...(makeBody && {
      requests: [{ setupRequest: (req: object) => ({ ...req, body: makeBody(sequence++) }) }],
    }),
    connections: settings.connections,
    duration: settings.durationSec,
    timeout: 10,
    ...(settings.warmupSec > 0 && {
      warmup: { connections: settings.connections, duration: settings.warmupSec },
    }),
  });
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  };
}
