import { type Kysely, sql } from 'kysely';
import type { Connection } from './connection.js';
import type { Database } from './schema.js';

export type Work<T> = (tx: Kysely<Database>) => Promise<T>;

/**
 * Runs a write that may span several modules as one transaction.
 *
 * On SQLite the transaction starts with BEGIN IMMEDIATE: it takes the write lock up front, so two
 * worker processes never both read and then fail to upgrade (SQLITE_BUSY_SNAPSHOT); the second one
 * waits for busy_timeout instead. Kysely's own `transaction()` issues a deferred BEGIN.
 */
export function unitOfWork({ db, dialect }: Connection) {
  if (dialect === 'postgres') {
    return <T>(work: Work<T>) => db.transaction().execute(work);
  }
  return <T>(work: Work<T>) =>
    db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
}

export type UnitOfWork = ReturnType<typeof unitOfWork>;
