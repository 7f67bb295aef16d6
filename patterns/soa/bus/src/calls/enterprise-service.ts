import type { Logger } from '@journey/platform';
import type { CallContext, ServiceName } from '@journey/soa-contracts';
import { RegistryError } from '@journey/soa-registry/client';
import { SoapCallError, SoapFaultError } from '@journey/soa-soap-kit';
import { recordCircuitOpen } from '@journey/telemetry';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  IsolatedCircuitError,
  retry,
  wrap,
} from 'cockatiel';
import { ServiceUnavailable } from '../faults/service-unavailable.js';
import { type CallBudgets, timeoutOf } from '../policies/budgets.js';
import { currentIdempotencyKey } from '../policies/idempotency-key.js';
import type { ServiceRouter } from '../routing/service-router.js';
import { exchange } from './soap-exchange.js';

/** A contract's operations as messages.ts types them: `IdentityV1`, `PublishingV1`, `EngagementV1`. */
export type Operations<Ops> = { [K in keyof Ops]: { request: object; response: unknown } };

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

export interface EnterpriseService<Ops extends Operations<Ops>> {
  readonly name: ServiceName;
  readonly major: number;
  /**
   * Calls an operation on behalf of `viewerId` (null: anonymous). Answers the output element's content;
   * a declared fault rejects with the SoapFaultError, no answer with ServiceUnavailable.
   */
  call<O extends keyof Ops & string>(
    operation: O,
    input: Ops[O]['request'],
    viewerId: number | null,
  ): Promise<Ops[O]['response']>;
  breakerState(): BreakerState;
}

/** Operations that change nothing: safe to send again after a failure without an answer. */
const READS = new Set([
  'Authenticate',
  'GetCurrentUser',
  'GetProfile',
  'GetArticle',
  'ListArticles',
  'ListTags',
  'ListComments',
  'Feed',
]);

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** No answer at all, or the service failing on its own side: what the breaker counts. A declared fault is an answer. */
const serviceFailed = (error: unknown) =>
  error instanceof SoapCallError ||
  (error instanceof SoapFaultError && !error.declared && error.side === 'Server');

/**
 * pattern: the policies an ESB applies to every message, in one place for every service: the caller's
 * identity in the CallContext header, a time budget, retries and a circuit breaker per service around
 * each exchange (soap-exchange.ts: routing, tracing, metrics, message log).
 *
 * Retries: a read is sent again after a failure that left no answer (not after a timeout: its budget
 * is spent). A write is sent again only when it carries the client's Idempotency-Key, and then also
 * after a timeout: a write whose answer was lost may have been saved, and the service answers a repeat
 * of the key with the first answer instead of writing twice. A write without a key is never repeated.
 */
export function createEnterpriseService<Ops extends Operations<Ops>>(
  name: ServiceName,
  major: number,
  deps: { router: ServiceRouter; budgets: CallBudgets; log: Logger },
): EnterpriseService<Ops> {
  const { router, budgets, log } = deps;
  const breaker = circuitBreaker(handleWhen(serviceFailed), {
    halfOpenAfter: budgets.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(budgets.breakAfter),
  });
  breaker.onStateChange((state) => log.warn({ service: name, breaker: STATES[state] }, 'circuit breaker'));
  // Jittered exponential backoff, so retries from many requests do not arrive in step.
  const retrying = (when: (error: unknown) => boolean) =>
    wrap(
      retry(handleWhen(when), {
        maxAttempts: budgets.retries,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }),
      }),
      breaker,
    );
  const readPolicy = retrying((error) => error instanceof SoapCallError && error.reason !== 'timeout');
  const keyedWritePolicy = retrying((error) => error instanceof SoapCallError);

  return {
    name,
    major,
    async call(operation, input, viewerId) {
      const write = !READS.has(operation);
      const idempotencyKey = write ? currentIdempotencyKey() : undefined;
      const context: CallContext = {
        ...(viewerId !== null && { viewerId }),
        ...(idempotencyKey !== undefined && { idempotencyKey }),
      };
      const policy = !write ? readPolicy : idempotencyKey !== undefined ? keyedWritePolicy : breaker;
      const request = {
        service: name,
        major,
        operation,
        input,
        context,
        timeoutMs: timeoutOf(budgets, operation, input),
      };
      // Whether any attempt of a write went out unanswered: the service may have saved it, whatever
      // stops a later attempt (the breaker opening on that very failure, the registry, the contract).
      let unansweredWrite = false;
      const attempt = async () => {
        try {
          return await exchange(router, log, request);
        } catch (error) {
          if (write && wasSent(error)) unansweredWrite = true;
          throw error;
        }
      };
      try {
        return (await policy.execute(attempt)) as never;
      } catch (error) {
        throw unavailableOr(error, operation, unansweredWrite);
      }
    },
    breakerState: () => STATES[breaker.state],
  };

  /** Failures without an answer become ServiceUnavailable; a fault stays what it is, for fault-answers.ts. */
  function unavailableOr(error: unknown, operation: string, outcomeUnknown: boolean): unknown {
    if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
      recordCircuitOpen({ target: name, route: `v${major}/${operation}` });
      return new ServiceUnavailable(name, 'circuit open', outcomeUnknown, { cause: error });
    }
    if (error instanceof RegistryError || error instanceof SoapCallError)
      return new ServiceUnavailable(name, error.message, outcomeUnknown, { cause: error });
    if (error instanceof ServiceUnavailable && outcomeUnknown && !error.outcomeUnknown)
      return new ServiceUnavailable(name, 'no instance to send the retry to', true, { cause: error });
    return error;
  }
}

/** A call failure after the request left the bus (reading the contract fails before anything is sent). */
const wasSent = (error: unknown) => error instanceof SoapCallError && error.operation !== '(wsdl)';
