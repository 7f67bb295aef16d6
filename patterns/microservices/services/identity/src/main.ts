import { databaseUrl, runService } from '@journey/microservices-service-kit';
import { jwtSecretOf, readJwtSecret } from '@journey/platform';
import { buildIdentity } from './app.js';

runService('identity', (logger) =>
  buildIdentity({
    databaseUrl: databaseUrl('identity'),
    jwtSecret: jwtSecretOf(readJwtSecret(), logger),
    logger,
  }),
);
