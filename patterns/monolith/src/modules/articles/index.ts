import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../database/unit-of-work.js';
import type { Authenticated } from '../../http/authentication.js';
import type { App } from '../../http/server.js';
import type { ProfilesApi } from '../profiles/index.js';
import type { UsersApi } from '../users/index.js';
import { createArticleQueries } from './articles.queries.js';
import { articlesRoutes } from './articles.routes.js';
import { type ArticleDeletedListener, createArticlesService } from './articles.service.js';
import type { ArticlesTables } from './articles.tables.js';

/** What other modules may ask of the articles module. */
export interface ArticlesApi {
  /** The article's id, or NotFound. */
  idOf(slug: string): Promise<number>;
  /** Lets a module that keeps data per article clean it up in the same transaction as the delete. */
  onDeleted(listener: ArticleDeletedListener): void;
}

interface Deps {
  db: Kysely<ArticlesTables>;
  uow: UnitOfWork;
  users: UsersApi;
  profiles: ProfilesApi;
}

export function createArticlesModule({ db, uow, users, profiles }: Deps) {
  const service = createArticlesService({
    db,
    uow,
    users,
    profiles,
    queries: createArticleQueries(db),
  });
  const api: ArticlesApi = { idOf: service.idOf, onDeleted: service.onDeleted };
  return { api, routes: (app: App, auth: Authenticated) => articlesRoutes(app, service, auth) };
}

export type { ArticlesTables } from './articles.tables.js';
