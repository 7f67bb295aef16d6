import { type Kysely, sql } from 'kysely';
import type { Dialect } from './dialect.js';
import { claimingKey } from './idempotency/idempotency-keys.js';

export type WriteTransaction<Tables> = <T>(work: (tx: Kysely<Tables>) => Promise<T>) => Promise<T>;

/**
 * Runs a multi-statement write as one transaction that commits, or rolls back if `work` throws.
 *
 * On SQLite it starts with BEGIN IMMEDIATE: the write lock is taken up front, so two writers never
 * both read and then fail to upgrade (SQLITE_BUSY_SNAPSHOT); the second one waits for busy_timeout
 * instead. Kysely's own `transaction()` issues a deferred BEGIN. On PostgreSQL, READ COMMITTED is
 * enough: every rule that races is held by a constraint or a single UPDATE.
 *
 * When the request being handled came with an Idempotency-Key, its first write transaction inserts
 * the key before the work, so the key commits or rolls back with the write (ADR 0011).
 */
export function writeTransaction<Tables>(db: Kysely<Tables>, dialect: Dialect): WriteTransaction<Tables> {
  const run = transactionOf(db, dialect);
  return async (work) => {
    const claiming = claimingKey(work);
    try {
      return await run(claiming.work);
    } catch (error) {
      claiming.failed();
      throw error;
    }
  };
}

function transactionOf<Tables>(db: Kysely<Tables>, dialect: Dialect): WriteTransaction<Tables> {
  if (dialect === 'postgres') return (work) => db.transaction().execute(work);
  return (work) =>
    db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection);
        throw error;
      }
    });
}
