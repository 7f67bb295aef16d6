import { errorBody } from '@journey/conduit-http';
import { DownstreamAnswered, DownstreamUnavailable } from '@journey/platform/downstream';
import type { FastifyInstance } from 'fastify';
import type { AnnouncedEvent } from './read-your-writes.js';

/** What a client gets when its command committed but the read side has not caught up within the wait. */
export interface PendingAnswer {
  accepted: { events: AnnouncedEvent[] };
  /** The consumers that had not applied the events. */
  pending: string[];
}

export const CONSISTENCY_HEADER = 'x-journey-consistency';

/**
 * The change is committed and its events will be applied, only not yet: 202, not the contract's 201
 * or 200. An error, because the contract's route table gives each operation exactly one success
 * status; this is the one answer that must differ, and only here does the gateway know it.
 */
export class ConsistencyPending extends Error {
  constructor(readonly answer: PendingAnswer) {
    super(`committed; not yet applied by ${answer.pending.join(', ')}`);
    this.name = 'ConsistencyPending';
  }
}

/**
 * Turns a service's failures (platform's DownstreamUnavailable and DownstreamAnswered) and the pending
 * consistency above into answers for the routes inside `scope`; anything else goes to the server's handler.
 */
export function answerServiceOutcomes(scope: FastifyInstance): void {
  scope.setErrorHandler((error, request, reply) => {
    if (error instanceof DownstreamUnavailable) {
      request.log.warn({ service: error.downstream, reason: error.message }, 'service unavailable');
      return reply.code(503).send(errorBody(error.downstream, 'service unavailable'));
    }
    if (error instanceof DownstreamAnswered) return reply.code(error.status).send(error.body);
    if (error instanceof ConsistencyPending) {
      request.log.warn({ pending: error.answer.pending }, 'answered before the read side caught up');
      return reply.code(202).header(CONSISTENCY_HEADER, 'pending').send(error.answer);
    }
    throw error;
  });
}
