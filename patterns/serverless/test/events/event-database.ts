import { openDatabase } from '@journey/conduit-sql';
import { type DatabaseChoice, provisionDatabase } from '@journey/provisioning';
import type { Kysely } from 'kysely';
import { closeFunctionDatabase } from '../../core/database.js';
import type { ServerlessDatabase } from '../../core/event-tables.js';
import { migrateConduitDatabase } from '../../core/migrate.js';

/**
 * A fresh database migrated as the deploy step migrates it, handed to the functions through
 * DATABASE_URL as a platform hands it, with a connection of the test's own to arrange and read rows.
 */
export async function eventDatabase(choice: DatabaseChoice) {
  const database = await provisionDatabase('serverless', 'events', choice, { fresh: true });
  await migrateConduitDatabase(database.url);
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = database.url;
  const { db } = openDatabase<ServerlessDatabase>(database.url);
  return {
    url: database.url,
    db: db as Kysely<ServerlessDatabase>,
    async follow(followerId: number, followeeId: number) {
      await db
        .insertInto('follows')
        .values({ follower_id: followerId, followee_id: followeeId, created_at: new Date().toISOString() })
        .execute();
    },
    async notified(articleId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('follower_notifications')
        .select('follower_id')
        .where('article_id', '=', articleId)
        .orderBy('follower_id')
        .execute();
      return rows.map((row) => row.follower_id);
    },
    async dispose() {
      await closeFunctionDatabase();
      await db.destroy();
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      await database.dispose();
    },
  };
}

export type EventDatabase = Awaited<ReturnType<typeof eventDatabase>>;
