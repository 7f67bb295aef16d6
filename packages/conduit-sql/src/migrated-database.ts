import { type Kysely, sql } from 'kysely';
import { migrateToLatest, type TableMigrations } from './migrate.js';
import { type OpenDatabase, openDatabase } from './open-database.js';
import { type WriteTransaction, writeTransaction } from './write-transaction.js';

/** An open, migrated database with what a process needs around its queries. */
export interface MigratedDatabase<Tables> extends OpenDatabase<Tables> {
  /** One write transaction; on SQLite it takes the write lock up front (BEGIN IMMEDIATE). */
  transaction: WriteTransaction<Tables>;
  /** Resolves when the database answers a query: what `/ready` asks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `url` and migrates the given groups of tables to their latest version before anything queries
 * them; when a migration fails, the connection is closed before the error is thrown, so a process that
 * cannot start does not hang on an open pool.
 */
export async function openMigratedDatabase<Tables>(
  url: string,
  groups: readonly TableMigrations[],
): Promise<MigratedDatabase<Tables>> {
  const { db, dialect, describe } = openDatabase<Tables>(url);
  try {
    await migrateToLatest(db as Kysely<unknown>, dialect, groups);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    dialect,
    describe,
    transaction: writeTransaction(db, dialect),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
