import { type ServiceName, viewerHeaders } from '@journey/event-driven-service-kit';
import type { Logger } from '@journey/platform';
import { recordCircuitOpen, tracedRequest } from '@journey/telemetry';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleType,
  IsolatedCircuitError,
} from 'cockatiel';
import { Pool } from 'undici';
import { ServiceRefused, ServiceUnavailable } from './service-failures.js';
import type { CallBudget } from './settings.js';

export interface ServiceCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The route pattern from the service's api.ts (`/articles/:slug`): the call's name in traces and metrics. */
  route: string;
  /** Values of the route's `:name` parts, URL-encoded into the path. */
  params?: Record<string, string | number>;
  /** Undefined values are left out. */
  query?: Record<string, string | undefined>;
  /** The user whose token the gateway verified; services trust this header because only the gateway reaches them. */
  viewerId?: number | null;
  json?: unknown;
  /** A budget of its own, for a call that waits on purpose (a long poll), instead of the client's. */
  timeoutMs?: number;
}

export interface ServiceAnswer<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface ServiceClient {
  name: ServiceName;
  /** A 2xx answer; a 4xx throws ServiceRefused, anything else ServiceUnavailable. */
  send<T>(call: ServiceCall): Promise<ServiceAnswer<T>>;
  breakerState(): BreakerState;
  close(): Promise<void>;
}

/** No answer, or a 5xx: what the breaker counts. A 4xx is an answer and counts as success. */
class NoAnswer extends Error {}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * One service as the gateway calls it: a pooled undici client, a time budget per call and a circuit
 * breaker. No retries: most calls are commands, and a command retried after a lost answer may have
 * committed the first time (the outbox would publish both); a read refused at once is cheap for a
 * client to repeat. So a dead service costs the first callers a refused connection or one budget,
 * and everyone after the breaker opens nothing at all.
 */
export function createServiceClient(
  name: ServiceName,
  baseUrl: string,
  logger: Logger,
  budget: CallBudget,
): ServiceClient {
  const pool = new Pool(baseUrl, { connections: 64, keepAliveTimeout: 10_000 });
  const breaker = circuitBreaker(handleType(NoAnswer), {
    halfOpenAfter: budget.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(budget.breakAfter),
  });
  breaker.onStateChange((state) => logger.warn({ service: name, breaker: STATES[state] }, 'circuit breaker'));

  async function attempt<T>(call: ServiceCall): Promise<ServiceAnswer<T>> {
    const timeoutMs = call.timeoutMs ?? budget.timeoutMs;
    let status: number;
    let headers: ServiceAnswer<T>['headers'];
    let text: string;
    const url = urlOf(baseUrl, call);
    try {
      const response = await tracedRequest({ target: name, route: call.route }, url, {
        dispatcher: pool,
        method: call.method,
        headers: {
          ...(call.json !== undefined && { 'content-type': 'application/json' }),
          ...viewerHeaders(call.viewerId),
        },
        body: call.json === undefined ? undefined : JSON.stringify(call.json),
        signal: AbortSignal.timeout(timeoutMs),
      });
      ({ statusCode: status, headers } = response);
      text = await response.body.text();
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs} ms`
          : (error as Error).message;
      throw new NoAnswer(`${call.method} ${call.route}: ${reason}`, { cause: error });
    }
    if (status >= 500) throw new NoAnswer(`${call.method} ${call.route} answered ${status}`);
    const body = parse(text);
    if (status >= 400) throw new ServiceRefused(name, status, body);
    return { status, headers, body: body as T };
  }

  return {
    name,
    async send<T>(call: ServiceCall): Promise<ServiceAnswer<T>> {
      try {
        return await breaker.execute(() => attempt<T>(call));
      } catch (error) {
        if (error instanceof ServiceRefused) throw error;
        if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
          recordCircuitOpen({ target: name, route: call.route });
          throw new ServiceUnavailable(name, 'circuit open', { cause: error });
        }
        throw new ServiceUnavailable(name, (error as Error).message, { cause: error });
      }
    },
    breakerState: () => STATES[breaker.state],
    close: () => pool.close(),
  };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new NoAnswer(`answered something that is not JSON: ${text.slice(0, 80)}`);
  }
}

/** The service's URL for one call: the route's `:parts` filled in (encoded), then the query. */
function urlOf(baseUrl: string, { route, params = {}, query = {} }: ServiceCall): URL {
  const path = route.replace(/:(\w+)/g, (_, part: string) => {
    const value = params[part];
    if (value === undefined) throw new Error(`route ${route}: no value for :${part}`);
    return encodeURIComponent(value);
  });
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}
