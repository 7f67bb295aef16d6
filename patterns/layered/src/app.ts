import type { FastifyBaseLogger } from 'fastify';
import { openApplication } from './application/index.js';
import { createHttpServer, type Server } from './http/index.js';

export interface AppOptions {
  /** `postgres://…` for PostgreSQL; anything else is a SQLite path (or `:memory:`). */
  databaseUrl: string;
  jwtSecret: string;
  logger: FastifyBaseLogger;
  /** Run migrations on start (default true). */
  migrate?: boolean;
}

export interface LayeredApp {
  app: Server;
  /** Stops accepting requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * pattern: the composition root stacks the layers bottom-up and touches only the top two: the
 * application opens its own persistence, and http is handed the application. Builds without
 * listening, so tests start it on port 0.
 */
export async function buildApp(options: AppOptions): Promise<LayeredApp> {
  const application = await openApplication({
    databaseUrl: options.databaseUrl,
    jwtSecret: options.jwtSecret,
    migrate: options.migrate ?? true,
  });
  try {
    const app = await createHttpServer(application, options.logger);
    return { app, close: () => app.close() };
  } catch (error) {
    await application.close();
    throw error;
  }
}
