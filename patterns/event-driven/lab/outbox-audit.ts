import { openDatabase } from '@journey/conduit-sql';
import { validateEvent } from '@journey/event-driven-events';
import type { MessagingTables } from '@journey/event-driven-outbox';
import type { RunningInfrastructure } from '@journey/topology';

/**
 * What `journey events verify` reads: every event the services have committed to their outboxes,
 * checked against the versioned catalogue. The outbox is where each event starts and it is kept after
 * publishing, so it holds every event the running topology has published (and those still waiting);
 * the broker's copy and the consumers' inboxes are derived from it and not read here.
 */

/** A stored event that the catalogue refuses, with where it is kept. */
export interface InvalidStoredEvent {
  /** The database whose outbox holds it (its name in the topology file). */
  database: string;
  seq: number;
  /** From the event itself where it can be read, from the row otherwise. */
  id: string;
  type: string;
  version: string;
  /** What the catalogue says is wrong, field first. */
  error: string;
}

export interface OutboxAudit {
  /** The databases that hold an outbox, with how many events each keeps. */
  outboxes: Array<{ database: string; events: number }>;
  events: number;
  invalid: InvalidStoredEvent[];
}

/** Rows per query: an outbox grows with every write, so it is read in pages. */
const PAGE = 1_000;

type OutboxRow = { seq: number; event_id: string; type: string; body: string };

/** Validates one outbox row: its body against the catalogue, and that its columns say what the body says. */
function problemWith(row: OutboxRow): Omit<InvalidStoredEvent, 'database'> | undefined {
  let event: { id?: unknown; type?: unknown; version?: unknown };
  const where = { seq: row.seq, id: row.event_id, type: row.type };
  try {
    event = JSON.parse(row.body) as typeof event;
  } catch (error) {
    return { ...where, version: '?', error: `the body is not JSON: ${(error as Error).message}` };
  }
  const named = {
    seq: row.seq,
    id: typeof event?.id === 'string' ? event.id : row.event_id,
    type: typeof event?.type === 'string' ? event.type : row.type,
    version: event?.version === undefined ? '?' : String(event.version),
  };
  try {
    validateEvent(event);
  } catch (error) {
    return { ...named, error: (error as Error).message };
  }
  // The relay and the lab's tools read the columns; an event they misname would be routed wrongly.
  if (event.id !== row.event_id || event.type !== row.type) {
    return {
      ...named,
      error: `the row's event_id/type (${row.event_id}, ${row.type}) differ from the event's (${String(event.id)}, ${String(event.type)})`,
    };
  }
  return undefined;
}

async function auditDatabase(piece: RunningInfrastructure) {
  const { db } = openDatabase<MessagingTables>(piece.url);
  try {
    const tables = await db.introspection.getTables();
    if (!tables.some((table) => table.name === 'outbox')) return undefined;
    const invalid: InvalidStoredEvent[] = [];
    let events = 0;
    let after = 0;
    for (;;) {
      const rows: OutboxRow[] = await db
        .selectFrom('outbox')
        .select(['seq', 'event_id', 'type', 'body'])
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const row of rows) {
        const problem = problemWith(row);
        if (problem) invalid.push({ database: piece.name, ...problem });
      }
      events += rows.length;
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.seq;
    }
    return { database: piece.name, events, invalid };
  } catch (error) {
    throw new Error(
      `cannot read the outbox of ${piece.name} (${piece.choice}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  } finally {
    await db.destroy();
  }
}

/** Reads and validates the outbox of every database given that has one. */
export async function auditOutboxes(databases: readonly RunningInfrastructure[]): Promise<OutboxAudit> {
  const audits = (await Promise.all(databases.map(auditDatabase))).flatMap((audit) => audit ?? []);
  return {
    outboxes: audits.map(({ database, events }) => ({ database, events })),
    events: audits.reduce((sum, audit) => sum + audit.events, 0),
    invalid: audits.flatMap((audit) => audit.invalid),
  };
}
