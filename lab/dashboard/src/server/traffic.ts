import { type EdgeSpec, isRequestResponse, type ProcessSpec } from '@journey/topology';

/**
 * Live traffic of a topology, from each process's own Prometheus `/metrics` (every Conduit process
 * serves it through @journey/telemetry): requests it answered, and calls it made to each other
 * process. Two scrapes a second apart give requests per second per process and per edge.
 */

/** What one scrape of a process's `/metrics` says it has done since it started. */
export interface TrafficCounts {
  /** Requests answered: the sum of `http_server_requests_total` (health and metrics requests are not counted). */
  served: number;
  /** Calls made to each other process, by the `target` label of `downstream_request_duration_seconds_count`. */
  calls: Map<string, number>;
}

export interface TrafficSample extends TrafficCounts {
  /** When it was taken, in ms (Date.now()). */
  at: number;
}

/** Per second between two samples of one process; null when there is no earlier sample or its counters restarted. */
export interface TrafficRates {
  served: number | null;
  calls: Map<string, number>;
}

export interface EdgeTraffic {
  from: string;
  to: string;
  /** Calls per second from `from` to `to` over the last probe interval; null when not known (yet). */
  requestsPerSecond: number | null;
}

const SERVED = 'http_server_requests_total{';
const CALLS = 'downstream_request_duration_seconds_count{';

const label = (line: string, name: string) => new RegExp(`[{,]${name}="([^"]*)"`).exec(line)?.[1];
const value = (line: string) => Number(line.slice(line.lastIndexOf(' ') + 1));

/** The counts in a Prometheus text exposition (prom-client's format). */
export function parseTraffic(text: string): TrafficCounts {
  let served = 0;
  const calls = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith(SERVED)) served += value(line);
    else if (line.startsWith(CALLS)) {
      const target = label(line, 'target');
      // A call the open breaker refused never left the caller, so it is no traffic on the edge.
      if (target === undefined || label(line, 'outcome') === 'circuit_open') continue;
      calls.set(target, (calls.get(target) ?? 0) + value(line));
    }
  }
  return { served, calls };
}

/** Scrapes the process listening on `port`; null when it does not answer (down, starting, or no metrics). */
export async function scrapeTraffic(port: number): Promise<TrafficSample | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(1_000) });
    if (!response.ok) return null;
    return { ...parseTraffic(await response.text()), at: Date.now() };
  } catch {
    return null;
  }
}

export function ratesBetween(previous: TrafficSample | undefined, current: TrafficSample): TrafficRates {
  const seconds = previous ? (current.at - previous.at) / 1_000 : 0;
  if (!previous || seconds <= 0 || current.served < previous.served)
    return { served: null, calls: new Map() };
  const calls = new Map<string, number>();
  for (const [target, count] of current.calls) {
    // A target seen for the first time had no series before: prom-client adds one at the first call.
    const before = previous.calls.get(target) ?? 0;
    if (count >= before) calls.set(target, (count - before) / seconds);
  }
  return { served: (current.served - previous.served) / seconds, calls };
}

/**
 * Requests per second on every request/response edge of the topology (http, soap: those whose caller
 * is handed its peer's URL and counts its calls by target): what the caller counted calling the callee,
 * or, for the learner's client, what the public process answered (nothing else calls it from outside).
 */
export function edgeTraffic(
  edges: readonly EdgeSpec[],
  processes: readonly Pick<ProcessSpec, 'name' | 'public'>[],
  rates: ReadonlyMap<string, TrafficRates>,
): EdgeTraffic[] {
  const publicProcess = processes.find((p) => p.public)?.name;
  return edges
    .filter((edge) => isRequestResponse(edge.protocol))
    .map(({ from, to }) => {
      let requestsPerSecond: number | null = null;
      if (from === 'client')
        requestsPerSecond = to === publicProcess ? (rates.get(to)?.served ?? null) : null;
      else {
        const caller = rates.get(from);
        // A caller measured over the interval that made no call to this one made zero calls, not unknown ones.
        if (caller && caller.served !== null) requestsPerSecond = caller.calls.get(to) ?? 0;
      }
      return { from, to, requestsPerSecond };
    });
}
