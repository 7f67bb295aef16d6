import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Dialect,
  isPostgresUrl,
  openMigratedDatabase,
  type WriteTransaction,
} from '@journey/conduit-sql';
import { type ConduitDatabase, conduitMigrations } from '@journey/conduit-sql/schema';
import type { Kysely } from 'kysely';

/**
 * pattern: shared enterprise data. Every service of the enterprise opens the same database, the whole
 * Conduit schema (ADR 13): a service owns its operations, not its tables.
 */
export interface EnterpriseData {
  db: Kysely<ConduitDatabase>;
  dialect: Dialect;
  /** One write transaction (BEGIN IMMEDIATE on SQLite); it also claims the call's idempotency key. */
  transaction: WriteTransaction<ConduitDatabase>;
}

/** The enterprise data a process opened, with what its host needs around it. */
export interface OpenEnterpriseData extends EnterpriseData {
  /** Where the data lives, for logs; never contains a password. */
  describe: string;
  /** Resolves when the database answers: what `/ready` asks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Bounds the wait for another process's migration of the same SQLite file (about two seconds). */
const MIGRATION_ATTEMPTS = 40;

/**
 * Opens `databaseUrl` (`postgres://…`, or a SQLite file) and migrates the whole Conduit schema. Every
 * service migrates at start, and the lab starts them together on one fresh database. PostgreSQL
 * serialises them with Kysely's migration lock; on SQLite that lock is a no-op (Kysely assumes one
 * process), so a service that loses the race (a table "already exists", the file is busy) had its
 * migration rolled back and opens again once the winner's has committed.
 */
export async function openEnterpriseData(databaseUrl: string): Promise<OpenEnterpriseData> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openMigratedDatabase<ConduitDatabase>(databaseUrl, conduitMigrations);
    } catch (error) {
      if (isPostgresUrl(databaseUrl) || !lostMigrationRace(error) || attempt >= MIGRATION_ATTEMPTS)
        throw error;
      await sleep(25 + Math.random() * 50);
    }
  }
}

/** A SQLite migration that failed because another process was migrating the same file. */
function lostMigrationRace(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  const message = typeof cause?.message === 'string' ? cause.message : '';
  return code.startsWith('SQLITE_BUSY') || /already exists|duplicate column/.test(message);
}
