import { errorBody } from '@journey/conduit-http';
import { DownstreamAnswered, DownstreamUnavailable } from '@journey/platform/downstream';
import type { FastifyInstance } from 'fastify';

/**
 * Turns a downstream's failures into answers, for the routes registered inside `scope`: unavailable
 * is 503 at once, naming the dependency, instead of a hang or a 500; an answer (4xx, a relayed 503)
 * is already in the RealWorld shape and goes back as it is. Anything else goes on to the server's
 * own error handler (Fastify passes an error rethrown here to the parent's).
 */
export function answerDownstreamFailures(scope: FastifyInstance): void {
  scope.setErrorHandler((error, request, reply) => {
    if (error instanceof DownstreamUnavailable) {
      request.log.warn({ dependency: error.downstream, reason: error.message }, 'dependency unavailable');
      return reply.code(503).send(errorBody(error.downstream, 'service unavailable'));
    }
    if (error instanceof DownstreamAnswered) return reply.code(error.status).send(error.body);
    throw error;
  });
}
