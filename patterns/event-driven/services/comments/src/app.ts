import { type BrokerConnection, startService } from '@journey/event-driven-service-kit';
import type { Logger } from '@journey/platform';
import { articlesReplica } from './articles-replica.consumer.js';
import { type CommentsServiceTables, commentsServiceMigrations } from './comments.migrations.js';
import { commentsRoutes } from './comments.routes.js';
import { createComments } from './comments.service.js';

export interface CommentsOptions {
  databaseUrl: string;
  broker: BrokerConnection;
  logger: Logger;
}

/**
 * Comments owns comments and knows articles only from their events (a replica of id and slug): it
 * never asks the articles service whether an article exists.
 */
export async function buildComments(options: CommentsOptions) {
  const { app, database, messaging } = await startService<CommentsServiceTables>({
    service: 'comments',
    databaseUrl: options.databaseUrl,
    migrations: commentsServiceMigrations,
    logger: options.logger,
    broker: options.broker,
    consumer: articlesReplica,
  });
  commentsRoutes(app, createComments(database.dialect, messaging.commit));
  return { app, database, close: () => app.close() };
}
