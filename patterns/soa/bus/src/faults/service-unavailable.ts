/**
 * A service gave no answer the bus can relay: not listed by the registry (or the registry is away), its
 * contract or endpoint unreachable, no answer within the budget, or its circuit breaker open. The client
 * gets a 503 naming the service at once, never a hang, as the microservices gateway answers.
 */
export class ServiceUnavailable extends Error {
  constructor(
    readonly service: string,
    reason: string,
    /** True when a write was sent and its answer lost: the service may have saved it. */
    readonly outcomeUnknown: boolean,
    options?: ErrorOptions,
  ) {
    super(`${service} service unavailable: ${reason}`, options);
    this.name = 'ServiceUnavailable';
  }
}
