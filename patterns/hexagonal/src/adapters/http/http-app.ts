import { type IdempotencyStore, registerConduitApi } from '@journey/conduit-http';
import type { FastifyBaseLogger } from 'fastify';
import type { Conduit } from '../../application/ports/driving/use-cases.port.js';
import { articlesHandlers } from './handlers/articles.handlers.js';
import { commentsHandlers } from './handlers/comments.handlers.js';
import { profilesHandlers } from './handlers/profiles.handlers.js';
import { usersHandlers } from './handlers/users.handlers.js';
import { type App, createServer } from './server.js';

export interface HttpAdapterOptions {
  /** pattern: the only thing the HTTP adapter knows about the application is its driving port. */
  conduit: Conduit;
  logger: FastifyBaseLogger;
  /** What /health reports; throws when the store does not answer. */
  health: () => Promise<Record<string, string>>;
  /** Where repeated writes find their first answer. */
  idempotency: IdempotencyStore;
}

/** The Conduit API over HTTP, built but not listening. */
export async function httpAdapter({
  conduit,
  logger,
  health,
  idempotency,
}: HttpAdapterOptions): Promise<App> {
  const app = await createServer(logger);
  app.get('/health', async () => ({ status: 'ok', ...(await health()) }));
  // Reading the Authorization header is HTTP's business; deciding whether the token is good is the core's.
  await registerConduitApi(
    app,
    {
      ...usersHandlers(conduit),
      ...profilesHandlers(conduit),
      ...articlesHandlers(conduit),
      ...commentsHandlers(conduit),
    },
    conduit.authenticate,
    { idempotency },
  );
  return app;
}
