import { openDatabase, type WriteTransaction, writeTransaction } from '@journey/conduit-sql';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Kysely } from 'kysely';
import { functionSettings } from './settings.js';

/** What a function's queries run on. */
export interface FunctionDatabase {
  db: Kysely<ConduitDatabase>;
  /** One write transaction; it also claims the request's Idempotency-Key (ADR 0011). */
  transaction: WriteTransaction<ConduitDatabase>;
  /** Where the data lives, for logs; never a password. */
  describe: string;
}

/**
 * The one piece of state a function instance keeps between invocations (ADR 0014): the connection,
 * opened by the first invocation that queries, reused while the instance is warm. Opening it at
 * module load would lengthen every cold start, even of an invocation that is refused before a query.
 */
let opened: FunctionDatabase | undefined;

export function functionDatabase(): FunctionDatabase {
  opened ??= open();
  return opened;
}

/** Closes the connection, for a host that stops (tests) or switches databases; the next use reopens. */
export async function closeFunctionDatabase(): Promise<void> {
  const closing = opened;
  opened = undefined;
  await closing?.db.destroy();
}

function open(): FunctionDatabase {
  const { databaseUrl, poolMax } = functionSettings();
  // SQLite holds one writer per file: right for a single local instance, never for a fleet. On
  // PostgreSQL a small pool per instance: a fleet of N warm instances holds up to N × poolMax connections.
  const { db, dialect, describe } = openDatabase<ConduitDatabase>(databaseUrl, { poolMax });
  return { db, transaction: writeTransaction(db, dialect), describe };
}
