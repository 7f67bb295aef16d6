import { idempotencyKeys, migrateToLatest, openDatabase, writeTransaction } from '@journey/conduit-sql';
import { type ConduitDatabase, conduitMigrations } from '@journey/conduit-sql/schema';
import { type Kysely, sql } from 'kysely';
import type { Storage } from '../storage.js';
import { sqlRepositories } from './sql-repositories.js';

/**
 * The repositories over a SQL database, and the unit of work as one write transaction (BEGIN
 * IMMEDIATE on SQLite: on its one connection, every other query of this process then queues behind
 * the unit). What differs between SQLite and PostgreSQL lives in @journey/conduit-sql.
 */
export async function sqlStorage(url: string, options: { migrate?: boolean } = {}): Promise<Storage> {
  const { db, dialect, describe } = openDatabase<ConduitDatabase>(url);
  if (options.migrate !== false) await migrateToLatest(db as Kysely<unknown>, dialect, conduitMigrations);
  const inTransaction = writeTransaction(db, dialect);
  return {
    ...sqlRepositories(db),
    uow: { run: (work) => inTransaction((tx) => work(sqlRepositories(tx))) },
    idempotencyKeys: idempotencyKeys(db),
    describe,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
