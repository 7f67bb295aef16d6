import { API_PREFIX } from '@journey/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { Application } from '../application/index.js';
import { articlesRoutes } from './articles.routes.js';
import { authentication } from './authentication.js';
import { commentsRoutes } from './comments.routes.js';
import { profilesRoutes } from './profiles.routes.js';
import { createServer, type Server } from './server.js';
import { usersRoutes } from './users.routes.js';

/** The presentation layer: a Fastify server whose every route calls into `application` and nothing lower. */
export async function createHttpServer(application: Application, logger: FastifyBaseLogger): Promise<Server> {
  const server = await createServer(logger);
  const auth = authentication(application.auth);
  server.get('/health', async () => application.health.check());
  await server.register(
    async (api) => {
      const typed = api as Server;
      usersRoutes(typed, application, auth);
      profilesRoutes(typed, application, auth);
      articlesRoutes(typed, application, auth);
      commentsRoutes(typed, application, auth);
    },
    { prefix: API_PREFIX },
  );
  server.addHook('onClose', async () => application.close());
  return server;
}

export type { Server } from './server.js';
