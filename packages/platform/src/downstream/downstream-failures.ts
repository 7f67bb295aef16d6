/**
 * A downstream could not answer: refused connection, no answer within the budget, a 5xx, something
 * that is not JSON, or its circuit breaker is open. Callers answer 503 at once, naming it.
 */
export class DownstreamUnavailable extends Error {
  constructor(
    readonly downstream: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${downstream} service unavailable: ${reason}`, options);
    this.name = 'DownstreamUnavailable';
  }
}

/**
 * A downstream answered, but not with success (a 4xx, or a status the client was told to relay):
 * the body is already in the RealWorld shape, so callers relay it as it is.
 */
export class DownstreamAnswered extends Error {
  constructor(
    readonly downstream: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${downstream} answered ${status}`);
    this.name = 'DownstreamAnswered';
  }
}
