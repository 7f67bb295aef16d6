import type { Dialect } from '@journey/conduit-sql';
import { openMigratedDatabase, type WriteTransaction } from '@journey/conduit-sql';
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

/**
 * Opens `databaseUrl` (`postgres://…`, or a SQLite file) and migrates the whole Conduit schema. Every
 * service runs the same migrations; the migrator's lock makes the first one to start do the work.
 */
export function openEnterpriseData(databaseUrl: string): Promise<OpenEnterpriseData> {
  return openMigratedDatabase<ConduitDatabase>(databaseUrl, conduitMigrations);
}
