import { createLogger } from '@journey/platform';
import { conduitFunction } from '../../core/conduit-function.js';
import { favorite, unfavorite } from './favorites.js';
import { listArticles, showArticle } from './listing.js';
import { articlesPlan } from './plan.js';
import { publish, remove, revise } from './publishing.js';

const log = createLogger('serverless-articles');

const articles = conduitFunction(
  articlesPlan,
  {
    GetArticles: ({ database, viewerId, query }) => listArticles(database.db, viewerId, query),
    GetArticle: ({ database, viewerId, params }) => showArticle(database.db, viewerId, params.slug),
    CreateArticle: ({ database, viewerId, body }) => publish(database, viewerId, body.article, log),
    UpdateArticle: ({ database, viewerId, params, body }) =>
      revise(database, viewerId, params.slug, body.article),
    DeleteArticle: ({ database, viewerId, params }) => remove(database, viewerId, params.slug),
    CreateArticleFavorite: ({ database, viewerId, params }) => favorite(database, viewerId, params.slug),
    DeleteArticleFavorite: ({ database, viewerId, params }) => unfavorite(database, viewerId, params.slug),
  },
  log,
);

export const handler = articles.handler;
export const definition = articles;
