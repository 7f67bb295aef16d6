import { API_PREFIX } from '@journey/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { Conduit } from '../../application/ports/driving/use-cases.port.js';
import { authentication } from './authentication.js';
import { articlesRoutes } from './routes/articles.routes.js';
import { commentsRoutes } from './routes/comments.routes.js';
import { profilesRoutes } from './routes/profiles.routes.js';
import { usersRoutes } from './routes/users.routes.js';
import { type App, createServer } from './server.js';

export interface HttpAdapterOptions {
  /** pattern: the only thing the HTTP adapter knows about the application is its driving port. */
  conduit: Conduit;
  logger: FastifyBaseLogger;
  /** What /health reports; throws when the store does not answer. */
  health: () => Promise<Record<string, string>>;
}

/** The Conduit API over HTTP, built but not listening. */
export async function httpAdapter({ conduit, logger, health }: HttpAdapterOptions): Promise<App> {
  const app = await createServer(logger);
  const auth = authentication(conduit);
  app.get('/health', async () => ({ status: 'ok', ...(await health()) }));
  await app.register(
    async (api) => {
      const typed = api as App;
      usersRoutes(typed, conduit, auth);
      profilesRoutes(typed, conduit, auth);
      articlesRoutes(typed, conduit, auth);
      commentsRoutes(typed, conduit, auth);
    },
    { prefix: API_PREFIX },
  );
  return app;
}
