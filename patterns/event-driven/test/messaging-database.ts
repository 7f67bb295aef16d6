import { openMigratedDatabase } from '@journey/conduit-sql';
import type { MessagingTables } from '@journey/event-driven-outbox';
import { messagingMigrations } from '@journey/event-driven-outbox';
import { type DatabaseChoice, provisionDatabase } from '@journey/provisioning';

/** A stand-in for a service's own state: articles it writes, and a read model it projects. */
export interface TestTables extends MessagingTables {
  articles: { id: number; title: string };
  article_titles: { article_id: number; title: string; applied: number };
}

/**
 * A fresh throw-away database with the messaging tables, opened the way a service opens its own
 * (@journey/conduit-sql: migrations, BEGIN IMMEDIATE on SQLite, a pool on PostgreSQL).
 */
export async function openTestDatabase(choice: DatabaseChoice) {
  const provisioned = await provisionDatabase('event-driven', 'messaging-test', choice, { fresh: true });
  const database = await openMigratedDatabase<TestTables>(provisioned.url, [
    messagingMigrations,
    () => ({
      'test-001-articles': {
        async up(db) {
          await db.schema
            .createTable('articles')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .addColumn('title', 'text', (c) => c.notNull())
            .execute();
          await db.schema
            .createTable('article_titles')
            .addColumn('article_id', 'integer', (c) => c.primaryKey())
            .addColumn('title', 'text', (c) => c.notNull())
            .addColumn('applied', 'integer', (c) => c.notNull())
            .execute();
        },
      },
    }),
  ]);
  return {
    ...database,
    async dispose() {
      await database.close();
      await provisioned.dispose();
    },
  };
}

export type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>;
