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

/** What runs between the warm-up and the measured load and around the latter (CPU accounting). */
export type AroundMeasured = <T>(measured: () => Promise<T>) => Promise<T>;

/**
 * One autocannon run with the shared settings: every row of a bench uses exactly the same ones. The
 * warm-up is a run of its own rather than autocannon's `warmup` option, so `around` sees only the
 * measured requests (the CPU they cost divides by their count, not by the warm-up's too).
 */
export async function load(
  request: LoadRequest,
  settings: LoadSettings,
  around: AroundMeasured = (measured) => measured(),
): Promise<LoadResult> {
  // One sequence through the warm-up and the measured run, so no body repeats.
  let sequence = 0;
  const body = request.makeBody && (() => request.makeBody!(sequence++));
  const run = (durationSec: number) => cannon(request, body, settings.connections, durationSec);
  if (settings.warmupSec > 0) await run(settings.warmupSec);
  const result = await around(() => run(settings.durationSec));
  return {
    requestsPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  };
}

function cannon(
  request: LoadRequest,
  makeBody: (() => string) | undefined,
  connections: number,
  durationSec: number,
) {
  return autocannon({
    url: request.url,
    method: request.method ?? 'GET',
    headers: request.headers,
    body: request.body,
    // Not autocannon's idReplacement: its Content-Length arithmetic assumes a fixed id length and
    // left every request hanging here.
    ...(makeBody && {
      requests: [{ setupRequest: (req: object) => ({ ...req, body: makeBody() }) }],
    }),
    connections,
    duration: durationSec,
    timeout: 10,
  });
}
