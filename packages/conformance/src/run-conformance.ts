import { Agent } from 'undici';
import type { Check } from './check.js';
import { allChecks } from './checks/index.js';
import { ConduitClient } from './client.js';
import { eventually } from './eventually.js';

export interface CheckResult {
  /** "when …, then …". */
  name: string;
  ok: boolean;
  /** Why it failed: the request, what came back and what was expected. */
  error?: string;
  durationMs: number;
  /** The part of the API it covers (`users`, `articles`, `cors`, …). */
  area: string;
}

export interface CheckInfo {
  area: string;
  name: string;
}

export interface ConformanceOptions {
  /** Where the server listens, e.g. `http://127.0.0.1:3000`; the API is under `/api`. */
  baseUrl: string;
  /** Called as each check finishes, for live output. */
  onResult?: (result: CheckResult) => void;
  /**
   * Which checks to run: a case-insensitive substring or a RegExp matched against `area: name`,
   * or a predicate. All of them by default.
   */
  filter?: string | RegExp | ((check: CheckInfo) => boolean);
  /** A check that has not finished after this long fails as hung. Default 15 s. */
  checkTimeoutMs?: number;
  /** How long a read after a write may lag before `eventually` gives up. Default 5 s. */
  readTimeoutMs?: number;
  /** Checks in flight at once. Default 1: sequential, with output in order. */
  concurrency?: number;
}

/** Every check the suite has, in run order. */
export function listChecks(filter?: ConformanceOptions['filter']): CheckInfo[] {
  return select(filter).map(({ area, name }) => ({ area, name }));
}

/**
 * The black-box Conduit conformance suite: it only needs a base URL. Each check makes its own users
 * and articles, so it can run against a database that already holds data, and polls reads that may
 * lag instead of sleeping, so eventually-consistent patterns pass without slowing the others down.
 */
export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const checks = select(options.filter);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const agent = new Agent({ connections: concurrency * 4, keepAliveTimeout: 5_000 });
  const results: CheckResult[] = new Array(checks.length);
  let next = 0;
  async function worker() {
    while (next < checks.length) {
      const index = next++;
      const result = await runOne(checks[index]!, options, agent);
      results[index] = result;
      options.onResult?.(result);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, checks.length) }, worker));
  } finally {
    // destroy, not close: a check that timed out may have left a request hanging.
    await agent.destroy();
  }
  return results;
}

async function runOne(check: Check, options: ConformanceOptions, agent: Agent): Promise<CheckResult> {
  const timeoutMs = options.checkTimeoutMs ?? 15_000;
  const readTimeoutMs = options.readTimeoutMs ?? 5_000;
  const controller = new AbortController();
  const api = new ConduitClient(options.baseUrl, { dispatcher: agent, signal: controller.signal });
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new Error(`timed out after ${timeoutMs} ms (hung, or much too slow)`);
      controller.abort(reason);
      reject(reason);
    }, timeoutMs);
  });
  const running = check.run({
    api,
    signal: controller.signal,
    eventually: (attempt) => eventually(attempt, { timeoutMs: readTimeoutMs, signal: controller.signal }),
  });
  running.catch(() => {}); // after a timeout its rejection is expected and uninteresting
  const base = { area: check.area, name: check.name };
  try {
    await Promise.race([running, timedOut]);
    return { ...base, ok: true, durationMs: elapsed(started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, ok: false, error: message, durationMs: elapsed(started) };
  } finally {
    clearTimeout(timer);
  }
}

function select(filter: ConformanceOptions['filter']): Check[] {
  if (filter === undefined) return [...allChecks];
  const matches =
    typeof filter === 'function'
      ? filter
      : typeof filter === 'string'
        ? (check: CheckInfo) => `${check.area}: ${check.name}`.toLowerCase().includes(filter.toLowerCase())
        : (check: CheckInfo) => filter.test(`${check.area}: ${check.name}`);
  return allChecks.filter((check) => matches({ area: check.area, name: check.name }));
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
