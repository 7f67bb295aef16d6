import { type BrokerConnection, startService } from '@journey/event-driven-service-kit';
import type { Logger } from '@journey/platform';
import { type ArticlesTables, articlesMigrations } from './articles.migrations.js';
import { articlesRoutes } from './articles.routes.js';
import { createArticles } from './articles.service.js';

export interface ArticlesOptions {
  databaseUrl: string;
  broker: BrokerConnection;
  logger: Logger;
}

/** Articles owns articles, tags and favorites and publishes every change to them; it consumes nothing. */
export async function buildArticles(options: ArticlesOptions) {
  const { app, database, messaging } = await startService<ArticlesTables>({
    service: 'articles',
    databaseUrl: options.databaseUrl,
    migrations: articlesMigrations,
    logger: options.logger,
    broker: options.broker,
  });
  articlesRoutes(app, createArticles(database.dialect, messaging.commit));
  return { app, database, close: () => app.close() };
}
