import { type BrokerConnection, startService } from '@journey/event-driven-service-kit';
import { createJwtTokens, type Logger } from '@journey/platform';
import { type UsersTables, usersMigrations } from './accounts.migrations.js';
import { accountsRoutes } from './accounts.routes.js';
import { createAccounts } from './accounts.service.js';

export interface IdentityOptions {
  databaseUrl: string;
  broker: BrokerConnection;
  jwtSecret: string;
  logger: Logger;
}

/** Identity owns accounts and publishes what others may know of them; it consumes nothing. */
export async function buildIdentity(options: IdentityOptions) {
  const { app, database, messaging } = await startService<UsersTables>({
    service: 'identity',
    databaseUrl: options.databaseUrl,
    migrations: usersMigrations,
    logger: options.logger,
    broker: options.broker,
  });
  accountsRoutes(app, createAccounts(database.db, messaging.commit, createJwtTokens(options.jwtSecret)));
  return { app, database, close: () => app.close() };
}
