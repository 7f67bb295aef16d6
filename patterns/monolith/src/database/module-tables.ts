import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { OpenTransaction } from './unit-of-work.js';

/**
 * Narrows the shared connection (or an open transaction) to the tables one module owns. A module's
 * code then cannot even type-check a query against another module's table: the boundary is enforced
 * by the compiler, and `journey check monolith` keeps modules from doing this narrowing themselves.
 */
export function tablesOf<Tables>(
  db: Kysely<Database> | OpenTransaction,
): Database extends Tables ? Kysely<Tables> : never {
  return db as never;
}
