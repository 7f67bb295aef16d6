import { type Kysely, sql } from 'kysely';
import { countHistoryOf } from './event-history.js';
import { type Projection, projections } from './projections/index.js';
import type { ViewsDatabaseTables } from './views.tables.js';

export async function rowsOf(
  db: Kysely<ViewsDatabaseTables>,
  projection: Projection<ViewsDatabaseTables>,
): Promise<number> {
  let rows = 0;
  for (const table of projection.tables) {
    const { rows: counted } = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    rows += Number(counted[0]?.n ?? 0);
  }
  return rows;
}

export interface ProjectionState {
  name: string;
  types: string[];
  tables: string[];
  rows: number;
  /** Events of its types in the history: what a replay would apply. */
  eventsSeen: number;
}

/** `GET /projections`: each projection's size and how many recorded events feed it. */
export async function projectionStates(db: Kysely<ViewsDatabaseTables>): Promise<ProjectionState[]> {
  return Promise.all(
    projections.map(async (projection) => ({
      name: projection.name,
      types: [...projection.types],
      tables: [...projection.tables],
      rows: await rowsOf(db, projection),
      eventsSeen: await countHistoryOf(db, projection.types),
    })),
  );
}
