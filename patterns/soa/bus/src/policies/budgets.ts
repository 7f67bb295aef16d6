import { DEFAULT_CALL_BUDGET } from '@journey/platform/downstream';

/** Every time and failure budget of the bus's SOAP calls, in one place. */
export interface CallBudgets {
  /** Longest one attempt of a call may take (and reading a contract's WSDL). */
  timeoutMs: number;
  /**
   * Register, Authenticate and UpdateUser with a password run scrypt, slow on purpose: a burst of them on
   * a busy 2-core machine takes seconds each, so they get this longer budget.
   */
  passwordHashingMs: number;
  /** Extra attempts of a read, or of a write carrying an Idempotency-Key, after a failure without an answer. */
  retries: number;
  /** Consecutive failures without an answer that open a service's breaker. */
  breakAfter: number;
  /** How long a breaker stays open before one trial call. */
  halfOpenAfterMs: number;
}

/** The same numbers the microservices gateway runs with, so the two patterns are measured alike. */
export const DEFAULT_CALL_BUDGETS: CallBudgets = {
  ...DEFAULT_CALL_BUDGET,
  passwordHashingMs: 25_000,
  retries: 2,
};

/** The budget of one call: the long one when the operation hashes a password. */
export function timeoutOf(budgets: CallBudgets, operation: string, input: object): number {
  const hashesPassword =
    operation === 'Register' ||
    operation === 'Authenticate' ||
    (operation === 'UpdateUser' && 'password' in input && input.password !== undefined);
  return hashesPassword ? budgets.passwordHashingMs : budgets.timeoutMs;
}
