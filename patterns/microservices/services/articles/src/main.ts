import { databaseUrl, downstreamUrl, runService } from '@journey/microservices-service-kit';
import { buildArticles } from './app.js';

runService('articles', (logger) =>
  buildArticles({ databaseUrl: databaseUrl('articles'), commentsUrl: downstreamUrl('comments'), logger }),
);
