import { compiledOnce, type Dialect, primaryId } from '@journey/conduit-sql';
import type { DomainEvent, EventType } from '@journey/event-driven-events';
import type { Generated, Kysely } from 'kysely';

export interface EventHistoryTables {
  /** Every event the views consumer applied, in the order it applied them. */
  event_history: {
    seq: Generated<number>;
    event_id: string;
    type: string;
    body: string;
    /** The event's `occurredAt` (its producer's commit, near enough) and when the read side applied it. */
    occurred_at: string;
    recorded_at: string;
  };
}

/** The history table of a database that holds others too (Kysely's types are invariant in the table map). */
const historyTablesOf = <Tables extends EventHistoryTables>(db: Kysely<Tables>) =>
  db as unknown as Kysely<EventHistoryTables>;

export async function createEventHistory(db: Kysely<unknown>, dialect: Dialect) {
  await db.schema
    .createTable('event_history')
    .addColumn('seq', ...primaryId(dialect))
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // A replay reads one projection's types in seq order.
  await db.schema
    .createIndex('event_history_type_idx')
    .on('event_history')
    .columns(['type', 'seq'])
    .execute();
}

/**
 * pattern: the read side keeps the facts, not only what it made of them. Any projection can be
 * rebuilt from here (a bug fixed, a column added) without asking a producer to publish again.
 */
export async function appendToHistory<Tables extends EventHistoryTables>(
  tx: Kysely<Tables>,
  event: DomainEvent,
) {
  await insertHistory(historyTablesOf(tx), {
    id: event.id,
    type: event.type,
    body: JSON.stringify(event),
    occurredAt: event.occurredAt,
    recordedAt: new Date().toISOString(),
  });
}

const insertHistory = compiledOnce(
  (
    db: Kysely<EventHistoryTables>,
    row: { id: string; type: string; body: string; occurredAt: string; recordedAt: string },
  ) =>
    db.insertInto('event_history').values({
      event_id: row.id,
      type: row.type,
      body: row.body,
      occurred_at: row.occurredAt,
      recorded_at: row.recordedAt,
    }),
);

const BATCH = 500;

/** The recorded events of `types`, oldest first, read in batches so a long history is never held whole. */
export async function* historyOf<Tables extends EventHistoryTables>(
  tx: Kysely<Tables>,
  types: readonly EventType[],
): AsyncGenerator<DomainEvent> {
  let after = 0;
  for (;;) {
    const rows = await historyTablesOf(tx)
      .selectFrom('event_history')
      .select(['seq', 'body'])
      .where('type', 'in', [...types])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) yield JSON.parse(row.body) as DomainEvent;
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.seq;
  }
}

export async function countHistoryOf<Tables extends EventHistoryTables>(
  tx: Kysely<Tables>,
  types: readonly EventType[],
) {
  const row = await historyTablesOf(tx)
    .selectFrom('event_history')
    .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
    .where('type', 'in', [...types])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface PropagationLag {
  events: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * How long events of `type` recorded since `since` took from their producer to the read models:
 * the lag a follower sees before a new article is in their feed (the feed row is written in the same
 * transaction as the history row). Milliseconds, from ISO timestamps of one machine's clock.
 */
export async function propagationLag<Tables extends EventHistoryTables>(
  db: Kysely<Tables>,
  { type, since }: { type: EventType; since: string },
): Promise<PropagationLag> {
  const rows = await historyTablesOf(db)
    .selectFrom('event_history')
    .select(['occurred_at', 'recorded_at'])
    .where('type', '=', type)
    .where('recorded_at', '>=', since)
    .execute();
  const lags = rows
    .map((row) => Date.parse(row.recorded_at) - Date.parse(row.occurred_at))
    .sort((a, b) => a - b);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.ceil(q * lags.length) - 1)] ?? 0;
  return { events: lags.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: lags.at(-1) ?? 0 };
}
