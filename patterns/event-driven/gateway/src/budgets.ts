import { type CallBudget, DEFAULT_CALL_BUDGET } from '@journey/platform/downstream';

/**
 * Every time budget of the gateway's calls to its services, in one place. The read-your-writes long
 * polls are the one exception: their budget is the wait they were given (read-your-writes.ts).
 */
export interface GatewayBudgets {
  /** Any call not listed below: the longest one attempt may take, and when the service's breaker opens. */
  call: CallBudget;
  /**
   * Registering, signing in and changing a password run scrypt, slow on purpose. A burst of them on a
   * busy machine takes seconds each (issue 12: 25 registrations at once ran 7.7–10.3 s against the
   * default 10 s, and the breaker that opened then refused every sign-in). A dead identity service still
   * answers at once (connection refused), whatever this budget.
   */
  passwordHashingMs: number;
}

export const DEFAULT_GATEWAY_BUDGETS: GatewayBudgets = {
  call: DEFAULT_CALL_BUDGET,
  passwordHashingMs: 25_000,
};
