import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency.js';

const callerKey = new AsyncLocalStorage<string>();

/**
 * pattern: behind a gateway (microservices, event-driven), the service that owns a write keeps its
 * Idempotency-Keys, in the same transaction as the write (ADR 0011); the gateway owns no data, so it
 * only carries the caller's key along with the command. This hook keeps the key of the request being
 * answered, for `idempotencyKeyHeaders()` to add to the calls the gateway makes for it.
 */
export function forwardIdempotencyKeys(app: FastifyInstance): void {
  app.addHook(
    'preHandler',
    (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
      const key = request.headers[IDEMPOTENCY_KEY_HEADER];
      if (typeof key !== 'string') return done();
      callerKey.run(key, () => done());
    },
  );
}

/**
 * The header carrying the caller's key on a write the gateway sends on the caller's behalf; none on a
 * read, or when the caller sent no key. A gateway makes at most one write per request, so the key
 * names that one write at the service that owns it.
 */
export function idempotencyKeyHeaders(method: string): Record<string, string> {
  const key = callerKey.getStore();
  return key === undefined || method === 'GET' ? {} : { [IDEMPOTENCY_KEY_HEADER]: key };
}
