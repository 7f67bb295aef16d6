import { type MigratedDatabase, openMigratedDatabase, type TableMigrations } from '@journey/conduit-sql';

/** A service's migrations: its group of the Conduit schema (ADR 0010); the dialect only changes how ids are declared. */
export type ServiceMigrations = TableMigrations;

/** Its own database: `db`, `dialect`, `describe` (never a password), `transaction`, `ping`, `close`. */
export type ServiceDatabase<Tables> = MigratedDatabase<Tables>;

/**
 * pattern: database per service. Each service opens only its own `DATABASE_URL` (a SQLite file, or a
 * PostgreSQL database of its own) and migrates only its own tables; no service can reach another's
 * rows. The tables are the service's group of the Conduit schema and the SQL plumbing the one every
 * pattern shares (@journey/conduit-sql, ADR 0010).
 */
export const openDatabase = <Tables>(
  url: string,
  migrations: ServiceMigrations,
): Promise<ServiceDatabase<Tables>> => openMigratedDatabase<Tables>(url, [migrations]);

/** Timestamps are ISO 8601 text with milliseconds on both databases: the exact bytes the API returns. */
export const now = () => new Date().toISOString();
