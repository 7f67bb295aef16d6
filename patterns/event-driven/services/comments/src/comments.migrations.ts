import { type CommentsTables, commentsMigrations } from '@journey/conduit-sql/comments';
import type { ServiceDb, ServiceMigrations } from '@journey/event-driven-service-kit';
import type { Kysely } from 'kysely';

export interface CommentsServiceTables extends CommentsTables {
  /**
   * A replica of what this service needs to know of the articles service's articles, written only by
   * its consumer: which slug names which article id, and that the article still exists.
   */
  articles: { id: number; slug: string };
}

/** A command's or a consumer's transaction: the service's tables plus the outbox and inbox. */
export type CommentsTransaction = ServiceDb<CommentsServiceTables>;

/**
 * pattern: database per service. Comments are the same table a single-database pattern's comments
 * module has (shared from `@journey/conduit-sql/comments`), next to the replica of articles.
 */
export const commentsServiceMigrations: ServiceMigrations = (dialect) => ({
  ...commentsMigrations(dialect),
  'comments-002-articles-replica': {
    async up(db: Kysely<unknown>) {
      // The articles service's ids, not ours: no autoincrement. No unique slug either: a slug freed
      // by one article's new title and taken by another article may reach us in either order.
      await db.schema
        .createTable('articles')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('articles_slug_idx').on('articles').column('slug').execute();
    },
  },
});
