import { createServiceServer, openDatabase } from '@journey/microservices-service-kit';
import { createJwtTokens, type Logger } from '@journey/platform';
import { type UsersTables, usersMigrations } from './accounts.migrations.js';
import { accountsRoutes } from './accounts.routes.js';
import { createAccounts } from './accounts.service.js';

export interface IdentityOptions {
  databaseUrl: string;
  jwtSecret: string;
  logger: Logger;
}

/** pattern: a service is a whole small application — its own database, server and entry point. */
export async function buildIdentity(options: IdentityOptions) {
  const database = await openDatabase<UsersTables>(options.databaseUrl, usersMigrations);
  const app = await createServiceServer('identity', options.logger, database);
  accountsRoutes(app, createAccounts(database.db, createJwtTokens(options.jwtSecret)));
  app.addHook('onClose', () => database.close());
  return { app, close: () => app.close() };
}
