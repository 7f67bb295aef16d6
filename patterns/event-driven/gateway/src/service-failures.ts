import { errorBody } from '@journey/conduit-http';
import { DownstreamAnswered, DownstreamUnavailable } from '@journey/platform/downstream';
import type { FastifyInstance } from 'fastify';

/**
 * Turns a service's failures (platform's DownstreamUnavailable and DownstreamAnswered) into answers
 * for the routes inside `scope`; anything else goes to the server's handler. A command the owner
 * committed never gets here for a read model's sake (readBack).
 */
export function answerServiceFailures(scope: FastifyInstance): void {
  scope.setErrorHandler((error, request, reply) => {
    if (error instanceof DownstreamUnavailable) {
      request.log.warn({ service: error.downstream, reason: error.message }, 'service unavailable');
      return reply.code(503).send(errorBody(error.downstream, 'service unavailable'));
    }
    if (error instanceof DownstreamAnswered) return reply.code(error.status).send(error.body);
    throw error;
  });
}
