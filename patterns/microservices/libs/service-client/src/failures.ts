import { errorBody } from '@journey/conduit-http';
import type { FastifyInstance } from 'fastify';

/**
 * A downstream could not answer: refused connection, timeout, a 5xx, or its circuit breaker is open.
 * The caller answers 503 at once, naming the dependency, instead of hanging or failing with a 500.
 */
export class DependencyUnavailable extends Error {
  constructor(
    readonly dependency: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${dependency} service unavailable: ${reason}`, options);
    this.name = 'DependencyUnavailable';
  }
}

/**
 * A downstream answered, but not with success: a 4xx (validation, not found, forbidden) or a 503 about
 * its own dependency. The body is already in the RealWorld shape, so it is relayed as it is.
 */
export class DownstreamAnswered extends Error {
  constructor(
    readonly dependency: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${dependency} answered ${status}`);
    this.name = 'DownstreamAnswered';
  }
}

/**
 * Turns the two failures above into answers, for the routes registered inside `scope`. Anything else
 * goes on to the server's own error handler (Fastify passes an error rethrown here to the parent's).
 */
export function answerDownstreamFailures(scope: FastifyInstance): void {
  scope.setErrorHandler((error, request, reply) => {
    if (error instanceof DependencyUnavailable) {
      request.log.warn({ dependency: error.dependency, reason: error.message }, 'dependency unavailable');
      return reply.code(503).send(errorBody(error.dependency, 'service unavailable'));
    }
    if (error instanceof DownstreamAnswered) return reply.code(error.status).send(error.body);
    throw error;
  });
}
