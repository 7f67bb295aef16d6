import { runService } from '@journey/event-driven-service-kit';
import { buildViews } from './app.js';

runService('views', (logger, settings) =>
  buildViews({ databaseUrl: settings.databaseUrl, broker: settings.broker, logger }),
);
