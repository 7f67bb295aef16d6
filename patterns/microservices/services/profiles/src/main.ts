import { databaseUrl, downstreamUrl, runService } from '@journey/microservices-service-kit';
import { buildProfiles } from './app.js';

runService('profiles', (logger) =>
  buildProfiles({ databaseUrl: databaseUrl('profiles'), identityUrl: downstreamUrl('identity'), logger }),
);
