import {
  type IdempotencyKeys,
  type IdempotencyTables,
  idempotencyKeys,
  idempotencyMigrations,
  type MigratedDatabase,
  openMigratedDatabase,
  type TableMigrations,
} from '@journey/conduit-sql';
import type { Kysely } from 'kysely';

/** A service's migrations: its group of the Conduit schema (ADR 0010); the dialect only changes how ids are declared. */
export type ServiceMigrations = TableMigrations;

/**
 * Its own database: `db`, `dialect`, `describe` (never a password), `transaction`, `ping`, `close`,
 * and the Idempotency-Keys of the writes it owns, claimed by its `transaction` (ADR 0011).
 */
export interface ServiceDatabase<Tables> extends MigratedDatabase<Tables> {
  idempotencyKeys: IdempotencyKeys;
}

/**
 * pattern: database per service. Each service opens only its own `DATABASE_URL` (a SQLite file, or a
 * PostgreSQL database of its own) and migrates only its own tables; no service can reach another's
 * rows. The tables are the service's group of the Conduit schema and the SQL plumbing the one every
 * pattern shares (@journey/conduit-sql, ADR 0010).
 */
export async function openDatabase<Tables>(
  url: string,
  migrations: ServiceMigrations,
): Promise<ServiceDatabase<Tables>> {
  const database = await openMigratedDatabase<Tables>(url, [migrations, idempotencyMigrations]);
  // The keys' table sits beside the service's own group; its queries touch nothing else.
  const keys = idempotencyKeys(database.db as unknown as Kysely<IdempotencyTables>);
  return { ...database, idempotencyKeys: keys };
}

/** Timestamps are ISO 8601 text with milliseconds on both databases: the exact bytes the API returns. */
export const now = () => new Date().toISOString();
