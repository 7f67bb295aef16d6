import type { ArticlesTables } from '@journey/conduit-sql/articles';
import type { Kysely } from 'kysely';
import type { UnitOfWork } from '../../database/unit-of-work.js';
import type { ProfilesApi } from '../profiles/index.js';
import type { UsersApi } from '../users/index.js';
import { articlesHandlers } from './articles.handlers.js';
import { createArticleQueries } from './articles.queries.js';
import { type ArticleDeletedListener, createArticlesService } from './articles.service.js';

/** What other modules may ask of the articles module. */
export interface ArticlesApi {
  /** The article's id, or NotFound. */
  idOf(slug: string): Promise<number>;
  /** Lets a module that keeps data per article clean it up in the same transaction as the delete. */
  onDeleted(listener: ArticleDeletedListener): void;
}

interface Deps {
  db: Kysely<ArticlesTables>;
  uow: UnitOfWork<ArticlesTables>;
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
  return { api, handlers: articlesHandlers(service) };
}

// pattern: the articles module owns these tables; no other module may query them (ADR 2). Their
// definition lives in @journey/conduit-sql, the schema layered and hexagonal share (ADR 5).
export { type ArticlesTables, articlesMigrations } from '@journey/conduit-sql/articles';
