import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';

// The contract's handlers return a body and nothing else (registerConduitApi owns the reply); a
// command still has something to tell on the reply. The request's async context carries it there.
const current = new AsyncLocalStorage<Map<string, string>>();
const byRequest = new WeakMap<FastifyRequest, Map<string, string>>();

/** Every reply of `app` carries the headers its handler set with `setAnswerHeader`. */
export function collectAnswerHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const headers = new Map<string, string>();
    byRequest.set(request, headers);
    // What runs after `done` (pre-handlers, the handler, the error handler) runs inside this context.
    current.run(headers, done);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of byRequest.get(request) ?? []) reply.header(name, value);
    return payload;
  });
}

/** Sets a header on the answer to the request being handled. */
export function setAnswerHeader(name: string, value: string): void {
  current.getStore()?.set(name, value);
}

/** A header already set on the answer to the request being handled. */
export function answerHeader(name: string): string | undefined {
  return current.getStore()?.get(name);
}
