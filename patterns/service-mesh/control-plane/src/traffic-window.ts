import type { EdgeTraffic } from '@journey/topology';
import type { AccessLogEntry } from '../../sidecar/src/access-log.js';

interface Sample {
  at: number;
  totalMs: number;
  tries: number;
  failedTries: number;
}

interface Edge {
  from: string;
  to: string;
  total: number;
  samples: Sample[];
}

/** Beyond this many calls in the window an edge keeps the newest only: a bench must not exhaust memory. */
const MAX_SAMPLES_PER_EDGE = 100_000;

/**
 * The golden signals of every edge over the last `windowMs`, from the sidecars' access-log lines.
 *
 * A sidecar logs a call once, with the server it finally reached and how many tries went before
 * (HAProxy's %rc): the error rate counts tries on the wire, so a call a retry saved still shows the
 * failures the callee gave (what the caller's app never saw). The earlier tries are counted on the
 * edge of the final server, which is exact unless a retry moved the call to another version.
 */
export class TrafficWindow {
  private readonly edges = new Map<string, Edge>();
  private readonly startedAt: number;

  constructor(
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  record(entry: AccessLogEntry): void {
    const key = `${entry.from}\n${entry.to}`;
    const edge = this.edges.get(key) ?? { from: entry.from, to: entry.to, total: 0, samples: [] };
    this.edges.set(key, edge);
    edge.total++;
    const failed = entry.status === 0 || entry.status >= 500;
    edge.samples.push({
      at: this.now(),
      totalMs: entry.totalMs,
      tries: entry.retries + 1,
      failedTries: entry.retries + (failed ? 1 : 0),
    });
    if (edge.samples.length > MAX_SAMPLES_PER_EDGE)
      edge.samples.splice(0, edge.samples.length - MAX_SAMPLES_PER_EDGE);
  }

  report(): EdgeTraffic[] {
    const now = this.now();
    // Until the control plane has run a whole window, rates are over the time it has run.
    const seconds = Math.max(1, Math.min(this.windowMs, now - this.startedAt)) / 1_000;
    return [...this.edges.values()].map((edge) => {
      const firstRecent = edge.samples.findIndex((sample) => sample.at > now - this.windowMs);
      edge.samples.splice(0, firstRecent === -1 ? edge.samples.length : firstRecent);
      const latencies = edge.samples.map((sample) => sample.totalMs).sort((a, b) => a - b);
      const tries = edge.samples.reduce((sum, sample) => sum + sample.tries, 0);
      const failedTries = edge.samples.reduce((sum, sample) => sum + sample.failedTries, 0);
      return {
        from: edge.from,
        to: edge.to,
        rps: edge.samples.length / seconds,
        errorRate: tries === 0 ? 0 : failedTries / tries,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        total: edge.total,
      };
    });
  }
}

/** Nearest-rank percentile of sorted values; null when there are none. */
const percentile = (sorted: number[], fraction: number) =>
  sorted.length === 0
    ? null
    : (sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? null);
