import { runService } from '@journey/event-driven-service-kit';
import { buildProfiles } from './app.js';

runService('profiles', (logger, settings) => buildProfiles({ ...settings, logger }));
