import type { ConduitServer } from '@journey/conduit-http';
import { answerDownstreamFailures, createDownstream } from '@journey/microservices-service-client';
import { createServiceServer, openDatabase } from '@journey/microservices-service-kit';
import type { Logger } from '@journey/platform';
import { type ArticlesTables, articlesMigrations } from './articles.migrations.js';
import { createArticleQueries } from './articles.queries.js';
import { articlesRoutes } from './articles.routes.js';
import { createArticles } from './articles.service.js';
import { commentsClient } from './comments.client.js';

export interface ArticlesOptions {
  databaseUrl: string;
  commentsUrl: string;
  logger: Logger;
}

export async function buildArticles(options: ArticlesOptions) {
  const database = await openDatabase<ArticlesTables>(options.databaseUrl, articlesMigrations);
  const comments = createDownstream('comments', options.commentsUrl, options.logger);
  const articles = createArticles(database, createArticleQueries(database.db), commentsClient(comments));
  const app = await createServiceServer('articles', options.logger, database);
  await app.register(async (scope) => {
    answerDownstreamFailures(scope);
    articlesRoutes(scope as ConduitServer, articles);
  });
  app.addHook('onClose', async () => {
    await comments.close();
    await database.close();
  });
  return { app, close: () => app.close() };
}
