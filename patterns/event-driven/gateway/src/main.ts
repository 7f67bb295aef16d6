import { runService } from '@journey/event-driven-service-kit';
import { jwtSecretOf } from '@journey/platform';
import { buildGateway } from './app.js';
import { gatewaySettings } from './settings.js';

runService('gateway', (logger, settings) =>
  buildGateway({ ...gatewaySettings(), jwtSecret: jwtSecretOf(settings, logger), logger }),
);
