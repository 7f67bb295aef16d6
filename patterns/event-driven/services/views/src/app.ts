import type { RetryPolicy } from '@journey/event-driven-outbox';
import { type BrokerConnection, startService } from '@journey/event-driven-service-kit';
import type { Logger } from '@journey/platform';
import { createArticleQueries } from './queries/articles.queries.js';
import { createCommentQueries } from './queries/comments.queries.js';
import { articlesRoutes } from './routes/articles.routes.js';
import { commentsRoutes } from './routes/comments.routes.js';
import { projectionsRoutes } from './routes/projections.routes.js';
import { viewsConsumer } from './views.consumer.js';
import { viewsMigrations } from './views.migrations.js';
import type { ViewsTables } from './views.tables.js';

export interface ViewsOptions {
  databaseUrl: string;
  broker: BrokerConnection;
  logger: Logger;
  retry?: RetryPolicy;
}

/** The read side: consumes every event into the projections and serves the Conduit reads from them. */
export async function buildViews(options: ViewsOptions) {
  const { logger } = options;
  const { app, database } = await startService<ViewsTables>({
    service: 'views',
    databaseUrl: options.databaseUrl,
    migrations: viewsMigrations,
    logger,
    broker: options.broker,
    consumer: viewsConsumer,
    // pattern: the read side only listens; it owns no fact anyone else needs.
    publishes: false,
    retry: options.retry,
  });
  const articles = createArticleQueries(database.db);
  articlesRoutes(app, articles);
  commentsRoutes(app, articles, createCommentQueries(database.db));
  projectionsRoutes(app, database);
  return { app, database, close: () => app.close() };
}
