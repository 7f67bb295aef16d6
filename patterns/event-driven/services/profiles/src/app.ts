import { type BrokerConnection, startService } from '@journey/event-driven-service-kit';
import type { Logger } from '@journey/platform';
import { type ProfilesServiceTables, profilesServiceMigrations } from './profiles.migrations.js';
import { profilesRoutes } from './profiles.routes.js';
import { createProfiles } from './profiles.service.js';
import { usersReplica } from './users-replica.consumer.js';

export interface ProfilesOptions {
  databaseUrl: string;
  broker: BrokerConnection;
  logger: Logger;
}

/** Profiles owns follows and answers profiles from its own replica of users: it never calls identity. */
export async function buildProfiles(options: ProfilesOptions) {
  const { app, database, messaging } = await startService<ProfilesServiceTables>({
    service: 'profiles',
    databaseUrl: options.databaseUrl,
    migrations: profilesServiceMigrations,
    logger: options.logger,
    broker: options.broker,
    consumer: usersReplica,
  });
  profilesRoutes(app, createProfiles(database.db, messaging.commit));
  return { app, database, close: () => app.close() };
}
