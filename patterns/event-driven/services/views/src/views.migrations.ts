import type { TableMigrations } from '@journey/conduit-sql';
import type { Migration } from 'kysely';
import { createEventHistory } from './event-history.js';
import { projections } from './projections/index.js';

/**
 * The views service's own tables (the chassis adds the messaging ones): the event history, then one
 * migration per projection. Migrations run in name order and a new one may not sort before one
 * already run, hence the number: a new projection goes at the end of the list.
 */
export const viewsMigrations: TableMigrations = (dialect) => ({
  'views-000-event-history': { up: (db) => createEventHistory(db, dialect) },
  ...Object.fromEntries(
    projections.map((projection, index): [string, Migration] => [
      `views-${String(index + 1).padStart(3, '0')}-${projection.name.replaceAll(' ', '-')}`,
      { up: (db) => projection.createTables(db, dialect) },
    ]),
  ),
});
