import { recordCircuitOpen, tracedRequest } from '@journey/telemetry';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleType,
  handleWhen,
  type IPolicy,
  IsolatedCircuitError,
  retry,
  wrap,
} from 'cockatiel';
import { Pool } from 'undici';
import type { Logger } from '../logger.js';
import { type CallTarget, callUrl } from './call-url.js';
import { DownstreamAnswered, DownstreamUnavailable } from './downstream-failures.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface DownstreamCall extends CallTarget {
  method: HttpMethod;
  /** E.g. the viewer the gateway verified, which each pattern forwards in a header of its own choosing. */
  headers?: Record<string, string>;
  json?: unknown;
  /** A budget of its own for a call slow by design (password hashing, a long poll), instead of the client's. */
  timeoutMs?: number;
}

export interface DownstreamAnswer<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface CallBudget {
  /**
   * Longest one attempt may take, connection and answer included. It guards against a dependency that
   * hangs, not one that is slow: on a busy 2-core machine a burst of registrations (scrypt) takes seconds.
   */
  timeoutMs: number;
  /** Consecutive failures (no answer, a 5xx) that open the breaker; while open, calls fail at once. */
  breakAfter: number;
  /** How long the breaker stays open before one trial call may close it again. */
  halfOpenAfterMs: number;
}

export const DEFAULT_CALL_BUDGET: CallBudget = { timeoutMs: 10_000, breakAfter: 5, halfOpenAfterMs: 5_000 };

/** Which calls are sent again after a failure that left no answer, and how many times. */
export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  /** Methods the caller knows to be safe to repeat: running them twice leaves what running them once does. */
  methods: readonly HttpMethod[];
}

export const NO_RETRIES: RetryPolicy = { retries: 0, methods: [] };

export interface DownstreamOptions extends CallBudget {
  retry: RetryPolicy;
  /** 5xx statuses that are an answer to relay (DownstreamAnswered) rather than a failure the breaker counts. */
  relayedStatuses?: readonly number[];
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface DownstreamClient {
  name: string;
  /** A 2xx answer; any other answer throws DownstreamAnswered, no answer DownstreamUnavailable. */
  send<T>(call: DownstreamCall): Promise<DownstreamAnswer<T>>;
  breakerState(): BreakerState;
  close(): Promise<void>;
}

/** No answer, a 5xx, or not JSON: what the breaker counts. A timed-out attempt is never retried. */
class NoAnswer extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * One downstream as a caller sees it: a pooled undici client, a time budget per attempt, the given
 * retry policy and a circuit breaker, each call traced. One client (so one breaker) per downstream:
 * when comments is down, calls to articles are not affected.
 */
export function createDownstreamClient(
  name: string,
  baseUrl: string,
  log: Logger,
  options: DownstreamOptions,
): DownstreamClient {
  const pool = new Pool(baseUrl, { connections: 64, keepAliveTimeout: 10_000 });
  const relayed = new Set(options.relayedStatuses);
  const breaker = circuitBreaker(handleType(NoAnswer), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breakAfter),
  });
  breaker.onStateChange((state) => log.warn({ downstream: name, breaker: STATES[state] }, 'circuit breaker'));
  // Jittered exponential backoff (50 ms, 100 ms, … capped) so retries from many callers do not arrive
  // in step. A timed-out attempt is not retried: its budget is spent, and the caller is waiting.
  const retrying = wrap(
    retry(
      handleWhen((error) => error instanceof NoAnswer && !error.timedOut),
      {
        maxAttempts: options.retry.retries,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }),
      },
    ),
    breaker,
  );
  const policyFor = (method: HttpMethod): IPolicy =>
    options.retry.methods.includes(method) ? retrying : breaker;

  async function attempt<T>(call: DownstreamCall): Promise<DownstreamAnswer<T>> {
    const timeoutMs = call.timeoutMs ?? options.timeoutMs;
    const what = `${call.method} ${call.route}`;
    let status: number;
    let headers: DownstreamAnswer<T>['headers'];
    let text: string;
    try {
      const response = await tracedRequest({ target: name, route: call.route }, callUrl(baseUrl, call), {
        dispatcher: pool,
        method: call.method,
        headers: { ...(call.json !== undefined && { 'content-type': 'application/json' }), ...call.headers },
        body: call.json === undefined ? undefined : JSON.stringify(call.json),
        signal: AbortSignal.timeout(timeoutMs),
      });
      ({ statusCode: status, headers } = response);
      text = await response.body.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const reason = timedOut ? `no answer within ${timeoutMs} ms` : (error as Error).message;
      throw new NoAnswer(`${what}: ${reason}`, timedOut, { cause: error });
    }
    if (status >= 500 && !relayed.has(status)) throw new NoAnswer(`${what} answered ${status}`, false);
    const body = parse(text, what);
    if (status < 200 || status >= 300) throw new DownstreamAnswered(name, status, body);
    return { status, headers, body: body as T };
  }

  return {
    name,
    async send<T>(call: DownstreamCall): Promise<DownstreamAnswer<T>> {
      try {
        return await policyFor(call.method).execute(() => attempt<T>(call));
      } catch (error) {
        if (error instanceof DownstreamAnswered) throw error;
        if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
          recordCircuitOpen({ target: name, route: call.route });
          throw new DownstreamUnavailable(name, 'circuit open', { cause: error });
        }
        throw new DownstreamUnavailable(name, (error as Error).message, { cause: error });
      }
    },
    breakerState: () => STATES[breaker.state],
    close: () => pool.close(),
  };
}

function parse(text: string, what: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new NoAnswer(`${what} answered something that is not JSON: ${text.slice(0, 80)}`, false);
  }
}
