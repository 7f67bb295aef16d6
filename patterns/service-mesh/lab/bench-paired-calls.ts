import { Pool } from 'undici';

/** One of the two ways the bench reaches the same service. */
export interface CallPath {
  name: string;
  /** `http://127.0.0.1:<port>`: plaintext, as the caller's service itself would call it. */
  origin: string;
}

/** The latencies (ms) of every call on each path, in the order the paths were given. */
export type PathSamples = number[][];

export interface PairedCallsOptions {
  paths: readonly CallPath[];
  /** The request path and query, the same on every path: `/tags`. */
  request: string;
  /** Calls per path that are timed. */
  calls: number;
  /**
   * Calls per path made first and not timed: they open the connections, and behind a sidecar the
   * mTLS sessions between the proxies, which a steady caller has long paid for.
   */
  warmupCalls: number;
  /** Keep-alive connections per path, each carrying one call at a time. */
  connections: number;
}

/**
 * Calls the same request on every path, the paths taking turns on each connection, so a burst of
 * load from elsewhere on the machine hits all of them alike and the difference between them is what
 * the path adds. Every path has its own pool of persistent connections: no call pays for a handshake.
 * A call answered other than 2xx fails the measurement, since it would time a different thing.
 */
export async function pairedCalls({
  paths,
  request,
  calls,
  warmupCalls,
  connections,
}: PairedCallsOptions): Promise<PathSamples> {
  const pools = paths.map((path) => new Pool(path.origin, { connections, pipelining: 1 }));
  const samples: PathSamples = paths.map(() => []);
  const timeOne = async (index: number, timed: boolean) => {
    const started = performance.now();
    const { statusCode, body } = await pools[index]!.request({ path: request, method: 'GET' });
    await body.dump();
    const ms = performance.now() - started;
    if (statusCode < 200 || statusCode >= 300) {
      throw new Error(`GET ${request} through ${paths[index]!.name} answered ${statusCode}`);
    }
    if (timed) samples[index]!.push(ms);
  };
  const lane = async (laneIndex: number) => {
    for (let round = laneIndex; round < warmupCalls + calls; round += connections) {
      // Which path goes first alternates, so neither always runs right after the other.
      const order = paths.map((_, i) => (round % 2 === 0 ? i : paths.length - 1 - i));
      for (const index of order) await timeOne(index, round >= warmupCalls);
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, (_, i) => lane(i)));
    return samples;
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

/** The nearest-rank percentile: a latency some call really took, never an interpolation. */
export function percentileMs(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) throw new RangeError('no latencies to take a percentile of');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length))) - 1]!;
}
