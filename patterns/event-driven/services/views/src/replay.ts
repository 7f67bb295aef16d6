import { NotFound } from '@journey/conduit-rules';
import { sql } from 'kysely';
import { historyOf } from './event-history.js';
import { rowsOf } from './projection-rows.js';
import { projectionNamed } from './projections/index.js';
import type { ViewsDatabase } from './views.database.js';

export interface ReplayOutcome {
  projection: string;
  /** Events re-applied from the history. */
  events: number;
  /** Rows the projection holds afterwards. */
  rows: number;
}

/**
 * pattern: a read model is disposable. Replay empties one projection and re-applies the recorded
 * events of its types in the order they were first applied; in one transaction, so readers see the
 * old rows or the new ones, never a half-built table.
 */
export async function replay(database: ViewsDatabase, name: string): Promise<ReplayOutcome> {
  const projection = projectionNamed(name);
  if (!projection) throw new NotFound('projection');
  return database.transaction(async (tx) => {
    // The live consumer appends to the history first in its transaction; holding the table keeps a
    // new event from reaching the projection both live and by replay. SQLite's BEGIN IMMEDIATE
    // already lets one writer in at a time.
    if (database.dialect === 'postgres') await sql`lock table event_history in exclusive mode`.execute(tx);
    await projection.reset(tx);
    let events = 0;
    for await (const event of historyOf(tx, projection.types)) {
      await projection.apply(event, tx);
      events++;
    }
    return { projection: projection.name, events, rows: await rowsOf(tx, projection) };
  });
}
