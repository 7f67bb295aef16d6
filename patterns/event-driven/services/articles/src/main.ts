import { runService } from '@journey/event-driven-service-kit';
import { buildArticles } from './app.js';

runService('articles', (logger, settings) => buildArticles({ ...settings, logger }));
