import { openServiceDatabase } from '@journey/event-driven-service-kit';
import { type ViewsTables, viewsMigrations } from '@journey/event-driven-views';
import { type DatabaseChoice, provisionDatabase } from '@journey/provisioning';
import { sql } from 'kysely';

/** A fresh views database, opened and migrated the way the views service opens its own. */
export async function openViewsDatabase(choice: DatabaseChoice) {
  const provisioned = await provisionDatabase('event-driven', 'views-test', choice, { fresh: true });
  const database = await openServiceDatabase<ViewsTables>(provisioned.url, viewsMigrations);
  return {
    ...database,
    /** Every row of `tables`, in a stable order, to compare two states of the same projection. */
    async snapshot(tables: readonly string[]) {
      const state: Record<string, unknown[]> = {};
      for (const table of tables) {
        const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
          database.db,
        );
        state[table] = rows.map((row) => JSON.stringify(row)).sort();
      }
      return state;
    },
    async dispose() {
      await database.close();
      await provisioned.dispose();
    },
  };
}

export type ViewsTestDatabase = Awaited<ReturnType<typeof openViewsDatabase>>;
