import { runService } from '@journey/event-driven-service-kit';
import { buildComments } from './app.js';

runService('comments', (logger, settings) => buildComments({ ...settings, logger }));
