import type { FastifyBaseLogger } from 'fastify';
import { errorBody } from './errors.js';
import { viewerOf } from './forwarded-viewer.js';
import { type IdempotencyStore, type IdempotentRepliesOptions, idempotentReplies } from './idempotency.js';
import { type ConduitServer, createConduitServer } from './server.js';

/** What `/ready` asks of a service's database. */
export interface Readiness {
  /** Where the data lives, in the answer and the log; never a password. */
  describe: string;
  ping(): Promise<void>;
}

/**
 * The server of a service behind a gateway (microservices, event-driven): the same Fastify set-up and
 * RealWorld error shape as the public API (so the gateway can relay a service's 4xx answer as it is),
 * plus `/health` (the process is alive) and `/ready` (its own database answers; 503 when it does not),
 * which is what the lab waits for. Given its database's Idempotency-Keys, it answers a write the
 * gateway repeats with the caller's key as it answered it the first time (ADR 0011). No CORS: only
 * the gateway faces browsers.
 */
export async function createServiceServer(
  service: string,
  logger: FastifyBaseLogger,
  database: Readiness,
  options: { idempotency?: IdempotencyStore } & IdempotentRepliesOptions = {},
): Promise<ConduitServer> {
  const app = await createConduitServer(logger, { cors: false });
  if (options.idempotency) {
    // The caller is the forwarded viewer; registration is anonymous.
    const replies = idempotentReplies(
      options.idempotency,
      (request) => String(viewerOf(request) ?? 'anonymous'),
      options,
    );
    app.addHook('preHandler', replies.preHandler);
    app.addHook('onSend', replies.onSend);
  }
  app.get('/health', async () => ({ status: 'ok', service }));
  app.get('/ready', async (request, reply) => {
    try {
      await database.ping();
      return { status: 'ready', service, database: database.describe };
    } catch (error) {
      request.log.warn({ err: error, database: database.describe }, 'database unreachable');
      return reply.code(503).send(errorBody('database', 'unreachable'));
    }
  });
  return app;
}
