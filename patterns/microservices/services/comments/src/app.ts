import { createServiceServer, openDatabase } from '@journey/microservices-service-kit';
import type { Logger } from '@journey/platform';
import { type CommentsTables, commentsMigrations } from './comments.migrations.js';
import { commentsRoutes } from './comments.routes.js';
import { createComments } from './comments.service.js';

export interface CommentsOptions {
  databaseUrl: string;
  logger: Logger;
}

export async function buildComments(options: CommentsOptions) {
  const database = await openDatabase<CommentsTables>(options.databaseUrl, commentsMigrations);
  const app = await createServiceServer('comments', options.logger, database);
  commentsRoutes(app, createComments(database.db));
  app.addHook('onClose', () => database.close());
  return { app, close: () => app.close() };
}
