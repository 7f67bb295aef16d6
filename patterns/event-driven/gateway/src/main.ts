import { jwtSecretOf, runService } from '@journey/event-driven-service-kit';
import { buildGateway } from './app.js';
import { gatewaySettings } from './settings.js';

runService('gateway', (logger, settings) =>
  buildGateway({ ...gatewaySettings(), jwtSecret: jwtSecretOf(settings, logger), logger }),
);
