import type { ConduitServer } from '@journey/conduit-http';
import { answerDownstreamFailures, createDownstream } from '@journey/microservices-service-client';
import { createServiceServer, openDatabase } from '@journey/microservices-service-kit';
import type { Logger } from '@journey/platform';
import { type ProfilesTables, profilesMigrations } from './follows.migrations.js';
import { identityClient } from './identity.client.js';
import { profilesRoutes } from './profiles.routes.js';
import { createProfiles } from './profiles.service.js';

export interface ProfilesOptions {
  databaseUrl: string;
  identityUrl: string;
  logger: Logger;
}

export async function buildProfiles(options: ProfilesOptions) {
  const database = await openDatabase<ProfilesTables>(options.databaseUrl, profilesMigrations);
  const identity = createDownstream('identity', options.identityUrl, options.logger);
  const profiles = createProfiles(database.db, identityClient(identity));
  const app = await createServiceServer('profiles', options.logger, database);
  await app.register(async (scope) => {
    answerDownstreamFailures(scope);
    profilesRoutes(scope as ConduitServer, profiles);
  });
  app.addHook('onClose', async () => {
    await identity.close();
    await database.close();
  });
  return { app, close: () => app.close() };
}
