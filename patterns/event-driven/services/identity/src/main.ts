import { runService } from '@journey/event-driven-service-kit';
import { jwtSecretOf } from '@journey/platform';
import { buildIdentity } from './app.js';

runService('identity', (logger, settings) =>
  buildIdentity({ ...settings, jwtSecret: jwtSecretOf(settings, logger), logger }),
);
