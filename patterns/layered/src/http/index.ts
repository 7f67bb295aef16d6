import { registerConduitApi } from '@journey/conduit-http';
import type { FastifyBaseLogger } from 'fastify';
import type { Application } from '../application/index.js';
import { articlesHandlers } from './articles.handlers.js';
import { commentsHandlers } from './comments.handlers.js';
import { profilesHandlers } from './profiles.handlers.js';
import { createServer, type Server } from './server.js';
import { usersHandlers } from './users.handlers.js';

/** The presentation layer: a Fastify server whose every route calls into `application` and nothing lower. */
export async function createHttpServer(application: Application, logger: FastifyBaseLogger): Promise<Server> {
  const server = await createServer(logger);
  server.get('/health', async () => application.health.check());
  // Reading the Authorization header is HTTP's business; whether the token is good is the application's.
  await registerConduitApi(
    server,
    {
      ...usersHandlers(application),
      ...profilesHandlers(application),
      ...articlesHandlers(application),
      ...commentsHandlers(application),
    },
    application.auth.viewerOf,
    { idempotency: application.idempotencyKeys },
  );
  server.addHook('onClose', async () => application.close());
  return server;
}

export type { Server } from './server.js';
