import type { HostedUnit, LatencyFigures } from '@journey/topology';

/** What a function's instance meter logs per invocation (core/instance.ts), as the runtime reads it. */
export interface LoggedInvocation {
  function: string;
  instance: string;
  coldStart: boolean;
  durationMs: number;
  /** The id the gateway gave the call, when the call came through it (an event's did not). */
  gatewayRequestId?: string;
}

/**
 * The invocation a log line records, or undefined for any other line. serverless-offline and the
 * functions framework print other lines too, so anything that is not the meter's JSON is skipped.
 */
export function invocationOf(line: string): LoggedInvocation | undefined {
  if (!line.startsWith('{')) return undefined;
  let record: Partial<LoggedInvocation> & { msg?: unknown };
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  const { function: name, instance, coldStart, durationMs, gatewayRequestId } = record;
  if (record.msg !== 'invocation' || typeof name !== 'string' || typeof instance !== 'string')
    return undefined;
  if (typeof coldStart !== 'boolean' || typeof durationMs !== 'number') return undefined;
  return {
    function: name,
    instance,
    coldStart,
    durationMs,
    ...(typeof gatewayRequestId === 'string' ? { gatewayRequestId } : {}),
  };
}

/**
 * How long an instance lives once seen. `idle`: until it has served nothing for `idleMs`, the rule by
 * which serverless-offline stops an idle worker (terminateIdleLambdaTime; its sweep runs every idle
 * period, so a worker may in fact linger up to twice that) as Lambda recycles an idle execution
 * environment. `process`: as long as the runtime runs, as a functions-framework process keeps its
 * module loaded (Cloud Functions would scale an idle function to zero after a while).
 */
export type InstanceLifetime = { kind: 'idle'; idleMs: number } | { kind: 'process' };

/** A function the runtime hosts, and what invokes it: `http`, or the event it is subscribed to. */
export interface HostedFunction {
  name: string;
  trigger: string;
}

/** Durations kept per function and kind for the percentiles: the latest ones, so memory stays bounded. */
const KEPT_DURATIONS = 10_000;

interface FunctionFigures {
  trigger: string;
  /** Each live instance's last invocation, ms since the epoch. */
  lastSeen: Map<string, number>;
  peakInstances: number;
  invocations: number;
  coldStarts: number;
  cold: number[];
  warm: number[];
}

export interface Fleet {
  /** Counts an invocation and its instance, when its line is read. */
  record(invocation: LoggedInvocation, at?: number): void;
  /** Keeps an invocation's latency (call-latency.ts pairs it with the gateway's measure). */
  recordLatency(invocation: LoggedInvocation, latencyMs: number): void;
  /** Each function's figures, instances as alive at `now`. */
  units(now?: number): HostedUnit[];
  /** Mean warm duration across every function, ms; undefined before any warm invocation. */
  meanWarmMs(): number | undefined;
}

/** The functions' instances and latencies, measured from their invocation lines only. */
export function functionFleet(functions: readonly HostedFunction[], lifetime: InstanceLifetime): Fleet {
  const figures = new Map<string, FunctionFigures>(
    functions.map(({ name, trigger }) => [
      name,
      { trigger, lastSeen: new Map(), peakInstances: 0, invocations: 0, coldStarts: 0, cold: [], warm: [] },
    ]),
  );
  const alive = (of: FunctionFigures, now: number) => {
    if (lifetime.kind === 'idle') {
      for (const [instance, seen] of of.lastSeen) {
        if (now - seen > lifetime.idleMs) of.lastSeen.delete(instance);
      }
    }
    return of.lastSeen.size;
  };
  return {
    record(invocation, at = Date.now()) {
      const of = figures.get(invocation.function);
      // A line of a function the runtime does not host (a test's own) is not the fleet's.
      if (of === undefined) return;
      alive(of, at);
      of.lastSeen.set(invocation.instance, at);
      of.peakInstances = Math.max(of.peakInstances, of.lastSeen.size);
      of.invocations += 1;
      if (invocation.coldStart) of.coldStarts += 1;
    },
    recordLatency(invocation, latencyMs) {
      const of = figures.get(invocation.function);
      if (of === undefined) return;
      const kept = invocation.coldStart ? of.cold : of.warm;
      kept.push(latencyMs);
      if (kept.length > KEPT_DURATIONS) kept.shift();
    },
    units(now = Date.now()) {
      return [...figures].map(([name, of]) => ({
        name,
        trigger: of.trigger,
        instances: alive(of, now),
        peakInstances: of.peakInstances,
        invocations: of.invocations,
        coldStarts: of.coldStarts,
        cold: latencyFigures(of.cold),
        warm: latencyFigures(of.warm),
      }));
    },
    meanWarmMs() {
      const warm = [...figures.values()].flatMap((of) => of.warm);
      return warm.length === 0 ? undefined : warm.reduce((sum, ms) => sum + ms, 0) / warm.length;
    },
  };
}

function latencyFigures(durations: readonly number[]): LatencyFigures | null {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (quantile: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]!;
  // To the microsecond: the gateway's clock gives far more digits than mean anything.
  const ms = (value: number) => Math.round(value * 1000) / 1000;
  return { p50Ms: ms(at(0.5)), p99Ms: ms(at(0.99)), maxMs: ms(sorted[sorted.length - 1]!) };
}
