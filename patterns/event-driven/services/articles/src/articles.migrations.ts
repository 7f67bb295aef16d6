import type { ArticlesTables } from '@journey/conduit-sql/articles';
import type { ServiceDb } from '@journey/event-driven-service-kit';

/**
 * pattern: database per service. This service's database holds the articles group and nothing
 * else: the same tables (and the same migration) a single-database pattern gives its articles
 * module, so the favorite and tag statements are shared from `@journey/conduit-sql/articles` too.
 * The author is an identity id with no foreign key: identity's users live in another database.
 */
export { type ArticlesTables, articlesMigrations } from '@journey/conduit-sql/articles';

/** A command's transaction: the articles group plus the outbox its events go to. */
export type ArticlesTransaction = ServiceDb<ArticlesTables>;
