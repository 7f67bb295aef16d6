import { databaseUrl, runService } from '@journey/microservices-service-kit';
import { buildComments } from './app.js';

runService('comments', (logger) => buildComments({ databaseUrl: databaseUrl('comments'), logger }));
