import type { Dialect } from '@journey/conduit-sql';
import type { DomainEvent, EventType } from '@journey/event-driven-events';
import { type Kysely, sql } from 'kysely';

/**
 * pattern: a projection is a read model derived from events only. Its `apply` sees a transaction
 * typed with its own tables and nothing else, so it cannot read another projection's rows: replaying
 * one projection from the event history then gives the same rows whatever the others hold.
 */
export interface Projection<Own = unknown> {
  /** What `GET /projections` and `journey events replay <name>` call it. */
  name: string;
  /** The event types it applies; the consumer never hands it any other. */
  types: readonly EventType[];
  /** Every table it writes, emptied by `reset`. */
  tables: readonly string[];
  /** Creates its tables (run once, as the migration `views-<name>`). */
  createTables(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
  /** Empties its tables, before a replay re-applies the history. */
  reset(tx: Kysely<Own>): Promise<void>;
  apply(event: DomainEvent, tx: Kysely<Own>): Promise<void>;
}

export interface ProjectionDefinition<Own> extends Omit<Projection<Own>, 'tables' | 'reset'> {
  tables: readonly (keyof Own & string)[];
}

/** A projection whose `reset` empties exactly the tables it declares. */
export function defineProjection<Own>(definition: ProjectionDefinition<Own>): Projection<Own> {
  return {
    ...definition,
    async reset(tx) {
      for (const table of definition.tables) await sql`delete from ${sql.table(table)}`.execute(tx);
    },
  };
}

/** An event of one type, as a projection's `switch` narrows it. */
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
