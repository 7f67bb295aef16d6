import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Narrows the shared connection to the tables one module owns. A module's code then cannot even
 * type-check a query against another module's table: the boundary is enforced by the compiler,
 * and `journey check monolith` enforces the import side.
 */
export function tablesOf<Tables>(db: Kysely<Database>): Database extends Tables ? Kysely<Tables> : never {
  return db as never;
}
