import { randomBytes } from 'node:crypto';
import type { Logger } from '@journey/platform';

/** Latencies of one kind of invocation (cold or warm) of this instance. */
export interface LatencySummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface InstanceSnapshot {
  invocations: number;
  cold: LatencySummary;
  warm: LatencySummary;
}

/** What the meter records of one invocation, and logs as one structured line. */
export interface InvocationRecord {
  function: string;
  /** Which module instance served it: the local runtime counts live instances by these ids. */
  instance: string;
  coldStart: boolean;
  durationMs: number;
}

export interface InstanceMeter {
  /** This module instance's id, random, made when the platform loaded the module. */
  instance: string;
  /** Starts timing an invocation; the returned `finish` records and logs it. */
  start(): { coldStart: boolean; finish(details?: Record<string, unknown>): InvocationRecord };
  snapshot(): InstanceSnapshot;
}

const emptySummary = (): LatencySummary => ({ count: 0, totalMs: 0, maxMs: 0 });

/**
 * Counts a function module instance's invocations; the first is its cold start (the platform loaded
 * the module for it), every later one is warm. One line per invocation, `{function, coldStart,
 * durationMs, instance}`, is what the lab reads to compare cold and warm latency and count instances.
 */
export function instanceMeter(functionName: string, log: Pick<Logger, 'info'>): InstanceMeter {
  const totals: InstanceSnapshot = { invocations: 0, cold: emptySummary(), warm: emptySummary() };
  const instance = randomBytes(4).toString('hex');
  return {
    instance,
    start() {
      totals.invocations += 1;
      const coldStart = totals.invocations === 1;
      const started = performance.now();
      return {
        coldStart,
        finish(details = {}) {
          const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
          const summary = coldStart ? totals.cold : totals.warm;
          summary.count += 1;
          summary.totalMs += durationMs;
          summary.maxMs = Math.max(summary.maxMs, durationMs);
          const record: InvocationRecord = { function: functionName, instance, coldStart, durationMs };
          log.info({ ...details, ...record }, 'invocation');
          return record;
        },
      };
    },
    snapshot: () => structuredClone(totals),
  };
}
