import {
  type Dialect,
  type MigratedDatabase,
  openMigratedDatabase,
  primaryId,
  type TableMigrations,
} from '@journey/conduit-sql';
import type { Kysely } from 'kysely';

export type { Dialect } from '@journey/conduit-sql';

/** A service's migrations, named `<service>-NNN-…`; the dialect only changes how ids are declared. */
export type ServiceMigrations = TableMigrations;

/** Its own database: `db`, `dialect`, `describe` (never a password), `transaction`, `ping`, `close`. */
export type ServiceDatabase<Tables> = MigratedDatabase<Tables>;

/**
 * pattern: database per service. Each service opens only its own `DATABASE_URL` (a SQLite file, or a
 * PostgreSQL database of its own) and migrates only its own tables; no service can reach another's
 * rows. The SQL plumbing itself is the one every pattern shares (@journey/conduit-sql).
 */
export const openDatabase = <Tables>(
  url: string,
  migrations: ServiceMigrations,
): Promise<ServiceDatabase<Tables>> => openMigratedDatabase<Tables>(url, [migrations]);

/** `create table <name>` with an auto-incrementing integer `id` key, the way each database spells it. */
export const createTableWithId = (db: Kysely<unknown>, name: string, dialect: Dialect) =>
  db.schema.createTable(name).addColumn('id', ...primaryId(dialect));

/** Timestamps are ISO 8601 text with milliseconds on both databases: the exact bytes the API returns. */
export const now = () => new Date().toISOString();
