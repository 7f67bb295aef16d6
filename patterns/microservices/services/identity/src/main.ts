import { databaseUrl, jwtSecret, runService } from '@journey/microservices-service-kit';
import { buildIdentity } from './app.js';

runService('identity', (logger) =>
  buildIdentity({ databaseUrl: databaseUrl('identity'), jwtSecret: jwtSecret(logger), logger }),
);
