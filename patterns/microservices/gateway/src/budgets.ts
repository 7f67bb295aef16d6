import { DEFAULT_RESILIENCE, type ResilienceOptions } from '@journey/microservices-service-client';

/** Every time budget of the gateway's calls to its services, in one place. */
export interface GatewayBudgets {
  /** Any call not listed below: the longest one attempt may take, its retries, and when the breaker opens. */
  call: ResilienceOptions;
  /**
   * Registering, signing in and changing a password run scrypt, slow on purpose: a burst of them on a
   * busy machine takes seconds each, so those calls get this longer budget. A dead identity service
   * still answers at once (connection refused), whatever the budget.
   */
  passwordHashingMs: number;
}

export const DEFAULT_GATEWAY_BUDGETS: GatewayBudgets = {
  call: DEFAULT_RESILIENCE,
  passwordHashingMs: 25_000,
};
