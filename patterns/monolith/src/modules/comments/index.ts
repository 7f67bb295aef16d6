import type { CommentsTables } from '@journey/conduit-sql/comments';
import type { Kysely } from 'kysely';
import type { OpenTransaction } from '../../database/unit-of-work.js';
import type { ArticlesApi } from '../articles/index.js';
import type { ProfilesApi } from '../profiles/index.js';
import { commentsHandlers } from './comments.handlers.js';
import { createCommentsService } from './comments.service.js';

/** Comments depend on articles and profiles; nothing depends on comments, so it exposes no API. */
export function createCommentsModule(deps: {
  db: Kysely<CommentsTables>;
  /** This module's tables inside another module's open transaction, narrowed by the composition root. */
  tablesIn: (tx: OpenTransaction) => Kysely<CommentsTables>;
  articles: ArticlesApi;
  profiles: ProfilesApi;
}) {
  const { db, tablesIn, articles, profiles } = deps;
  const service = createCommentsService(db, articles, profiles);
  // pattern: a write that spans two modules — deleting an article removes its comments in the same transaction.
  articles.onDeleted((tx, articleId) => service.removeAllOf(tablesIn(tx), articleId));
  return { handlers: commentsHandlers(service) };
}

// pattern: the comments module owns these tables; no other module may query them (ADR 2). Their
// definition lives in @journey/conduit-sql, the schema layered and hexagonal share (ADR 5).
export { type CommentsTables, commentsMigrations } from '@journey/conduit-sql/comments';
