import type { Kysely } from 'kysely';
import { tablesOf } from '../../database/module-tables.js';
import type { Authenticated } from '../../http/authentication.js';
import type { App } from '../../http/server.js';
import type { ArticlesApi } from '../articles/index.js';
import type { ProfilesApi } from '../profiles/index.js';
import { commentsRoutes } from './comments.routes.js';
import { createCommentsService } from './comments.service.js';
import type { CommentsTables } from './comments.tables.js';

/** Comments depend on articles and profiles; nothing depends on comments, so it exposes no API. */
export function createCommentsModule(
  db: Kysely<CommentsTables>,
  articles: ArticlesApi,
  profiles: ProfilesApi,
) {
  const service = createCommentsService(db, articles, profiles);
  // pattern: a write that spans two modules — deleting an article removes its comments in the same transaction.
  articles.onDeleted((tx, articleId) => service.removeAllOf(tablesOf<CommentsTables>(tx), articleId));
  return { routes: (app: App, auth: Authenticated) => commentsRoutes(app, service, auth) };
}

export type { CommentsTables } from './comments.tables.js';
