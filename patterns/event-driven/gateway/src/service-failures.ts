import { errorBody } from '@journey/conduit-http';
import type { FastifyInstance } from 'fastify';
import type { AnnouncedEvent } from './read-your-writes.js';

/**
 * A service could not answer: no connection, no answer within the budget, a 5xx, or its breaker is
 * open. The gateway answers 503 at once, naming the service, never a hang or a 500.
 */
export class ServiceUnavailable extends Error {
  constructor(
    readonly service: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${service} service unavailable: ${reason}`, options);
    this.name = 'ServiceUnavailable';
  }
}

/** A service answered with a 4xx (422, 403, 404…): already in the RealWorld shape, relayed as it is. */
export class ServiceRefused extends Error {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${service} answered ${status}`);
    this.name = 'ServiceRefused';
  }
}

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

/** Turns the three outcomes above into answers for the routes inside `scope`; anything else goes to the server's handler. */
export function answerServiceOutcomes(scope: FastifyInstance): void {
  scope.setErrorHandler((error, request, reply) => {
    if (error instanceof ServiceUnavailable) {
      request.log.warn({ service: error.service, reason: error.message }, 'service unavailable');
      return reply.code(503).send(errorBody(error.service, 'service unavailable'));
    }
    if (error instanceof ServiceRefused) return reply.code(error.status).send(error.body);
    if (error instanceof ConsistencyPending) {
      request.log.warn({ pending: error.answer.pending }, 'answered before the read side caught up');
      return reply.code(202).header(CONSISTENCY_HEADER, 'pending').send(error.answer);
    }
    throw error;
  });
}
