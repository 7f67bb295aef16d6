import type { TableMigrations } from '@journey/conduit-sql';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';

/** One notification a follower gets of an article: written once per pair, however often the event comes. */
export interface FollowerNotificationsTable {
  article_id: number;
  follower_id: number;
  created_at: string;
}

export interface EventTables {
  follower_notifications: FollowerNotificationsTable;
}

/** The Conduit schema plus the tables of the serverless pattern's own event functions. */
export type ServerlessDatabase = ConduitDatabase & EventTables;

/**
 * The serverless pattern's own tables, migrated after the shared Conduit ones. Kysely runs migrations
 * in name order and refuses one that sorts before a migration already applied, so the `z-` keeps these
 * after every shared name (`users-…` is last) and a database migrated before they existed takes them.
 * No foreign key to articles: deleting an article leaves its notifications behind, as it leaves
 * nothing else to fail on (conduit-sql's groups carry no foreign key between them either).
 */
export const eventMigrations: TableMigrations = () => ({
  'z-serverless-001-follower-notifications': {
    async up(db) {
      await db.schema
        .createTable('follower_notifications')
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('follower_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('follower_notifications_pk', ['article_id', 'follower_id'])
        .execute();
    },
  },
});
