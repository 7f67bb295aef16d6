import { viewerHeaders } from '@journey/microservices-service-kit';
import type { Logger } from '@journey/platform';
import { recordCircuitOpen, tracedRequest } from '@journey/telemetry';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleType,
  type IPolicy,
  IsolatedCircuitError,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { Pool } from 'undici';
import { DependencyUnavailable, DownstreamAnswered } from './failures.js';

export type QueryValue = string | number | undefined | readonly (string | number)[];

export interface DownstreamCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The downstream's route pattern, e.g. `/articles/:slug`: the call's name in traces and metrics. */
  route: string;
  /** Values of the route's `:name` parts, URL-encoded into the path. */
  params?: Record<string, string | number>;
  /** The signed-in user the gateway verified, forwarded so the service can answer for them. */
  viewerId?: number | null;
  /** Arrays are sent comma-separated (`ids=1,2,3`); undefined values are left out. */
  query?: Record<string, QueryValue>;
  json?: unknown;
  /** A budget of its own for a call known to be slow by design (password hashing), instead of `timeoutMs`. */
  timeoutMs?: number;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface ResilienceOptions {
  /**
   * Budget of one attempt, connection and answer included. It guards against a dependency that hangs,
   * not one that is slow: on a busy 2-core machine a burst of registrations (scrypt) takes seconds.
   */
  timeoutMs: number;
  /** Extra attempts of an idempotent call (GET, PUT) after a transient failure; POST and DELETE get none. */
  retries: number;
  /** Consecutive failures that open the breaker; while open, calls fail at once without a request. */
  breakAfter: number;
  /** How long the breaker stays open before one trial call may close it again. */
  halfOpenAfterMs: number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  timeoutMs: 10_000,
  retries: 2,
  breakAfter: 5,
  halfOpenAfterMs: 5_000,
};

export interface Downstream {
  name: string;
  /** The parsed JSON of a 2xx answer (undefined for 204); any other outcome throws (see failures.ts). */
  call<T>(call: DownstreamCall): Promise<T>;
  breakerState(): BreakerState;
  close(): Promise<void>;
}

/** A 5xx, a refused connection or a broken socket: worth a retry, and counted by the breaker. */
class TransientFailure extends Error {}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * pattern: every network hop gets a timeout, bounded retries and a circuit breaker, because in a
 * distributed system a slow or dead dependency is normal, not exceptional. One pooled undici client
 * and one breaker per downstream: when comments is down, calls to articles are not affected.
 */
export function createDownstream(
  name: string,
  baseUrl: string,
  log: Logger,
  options: ResilienceOptions = DEFAULT_RESILIENCE,
): Downstream {
  const pool = new Pool(baseUrl, { connections: 64, keepAliveTimeout: 10_000 });
  const breaker = circuitBreaker(handleType(TransientFailure).orType(TaskCancelledError), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breakAfter),
  });
  breaker.onStateChange((state) => log.warn({ downstream: name, breaker: STATES[state] }, 'circuit breaker'));
  // Jittered exponential backoff (50 ms, 100 ms, … capped) so retries from many callers do not arrive
  // in step. A timed-out attempt is not retried: its budget is spent, and the caller is waiting.
  const retries = retry(handleType(TransientFailure), {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }),
  });
  // One pair of policies per budget in use; all share the breaker and the retry rules.
  const policies = new Map<number, { idempotent: IPolicy; once: IPolicy }>();
  const policiesFor = (budgetMs: number) => {
    let pair = policies.get(budgetMs);
    if (!pair) {
      const perAttempt = timeout(budgetMs, TimeoutStrategy.Aggressive);
      pair = { idempotent: wrap(retries, breaker, perAttempt), once: wrap(breaker, perAttempt) };
      policies.set(budgetMs, pair);
    }
    return pair;
  };

  async function attempt<T>(call: DownstreamCall, signal: AbortSignal): Promise<T> {
    let status: number;
    let body: unknown;
    try {
      const response = await tracedRequest({ target: name, route: call.route }, `${baseUrl}${pathOf(call)}`, {
        dispatcher: pool,
        method: call.method,
        headers: {
          ...(call.json !== undefined && { 'content-type': 'application/json' }),
          ...viewerHeaders(call.viewerId),
        },
        body: call.json === undefined ? undefined : JSON.stringify(call.json),
        signal,
      });
      status = response.statusCode;
      const text = await response.body.text();
      body = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      throw new TransientFailure(`${call.method} ${call.route}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (status >= 200 && status < 300) return body as T;
    // A 503 is the downstream speaking about its own dependency; it is healthy, so it is relayed.
    if (status < 500 || status === 503) throw new DownstreamAnswered(name, status, body);
    throw new TransientFailure(`${call.method} ${call.route} answered ${status}`);
  }

  return {
    name,
    async call<T>(call: DownstreamCall): Promise<T> {
      const { idempotent, once } = policiesFor(call.timeoutMs ?? options.timeoutMs);
      const policy = call.method === 'GET' || call.method === 'PUT' ? idempotent : once;
      try {
        // A signal of its own per call: cockatiel would otherwise hang every call's listener on one shared signal.
        const signal = new AbortController().signal;
        return await policy.execute(({ signal }) => attempt<T>(call, signal), signal);
      } catch (error) {
        if (error instanceof DownstreamAnswered) throw error;
        if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError)
          recordCircuitOpen({ target: name, route: call.route });
        throw new DependencyUnavailable(name, reasonOf(error), { cause: error });
      }
    },
    breakerState: () => STATES[breaker.state],
    close: () => pool.close(),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) return 'circuit open';
  if (error instanceof TaskCancelledError) return 'timed out';
  return (error as Error).message;
}

function pathOf({ route, params = {}, query = {} }: DownstreamCall): string {
  const path = route.replace(/:(\w+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`route ${route}: no value for :${name}`);
    return encodeURIComponent(params[name]);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}
