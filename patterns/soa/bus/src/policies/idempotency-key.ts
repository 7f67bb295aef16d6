import { AsyncLocalStorage } from 'node:async_hooks';
import { errorBody } from '@journey/conduit-http';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';

const HEADER = 'idempotency-key';
// The same bound as @journey/conduit-http's idempotency.ts, where the other patterns keep their keys.
const MAX_KEY_LENGTH = 255;
const WRITES = new Set(['POST', 'PUT', 'DELETE']);

const requestKey = new AsyncLocalStorage<string>();

/**
 * pattern: the bus keeps no data, so it keeps no Idempotency-Keys either; it checks a write's key and
 * carries it in the CallContext header to the service that makes the write, which claims it in the
 * write's own transaction (ADR 0011). A malformed key is refused here, before any SOAP call.
 */
export function carryIdempotencyKeys(app: FastifyInstance): void {
  const carryKey: preHandlerHookHandler = (request, reply, done) => {
    const key = request.headers[HEADER];
    if (key === undefined || !WRITES.has(request.method)) return done();
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
      reply.code(422).send(errorBody(HEADER, `must be 1 to ${MAX_KEY_LENGTH} characters`));
      return;
    }
    requestKey.run(key, () => done());
  };
  // Last of each route's preHandlers, after its authentication: a key is the caller's, so a request
  // without a valid token is a 401 whatever key it carries, as in every other pattern.
  app.addHook('onRoute', (route) => {
    const own = route.preHandler === undefined ? [] : [route.preHandler].flat();
    route.preHandler = [...own, carryKey];
  });
}

/** The Idempotency-Key of the write being answered, if its client sent one. */
export const currentIdempotencyKey = (): string | undefined => requestKey.getStore();
