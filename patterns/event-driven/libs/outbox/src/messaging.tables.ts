import type { Generated, Kysely } from 'kysely';

/** Rows a producer commits with its state change; the relay sets `published_at` once the broker confirmed. */
export interface OutboxTable {
  seq: Generated<number>;
  event_id: string;
  type: string;
  body: string;
  created_at: string;
  published_at: string | null;
}

/** One row per relay role: whoever holds it until `expires_at` is the only relay publishing. */
export interface RelayLeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** The events a consumer group has applied: written in the same transaction as the effect. */
export interface InboxTable {
  consumer_group: string;
  event_id: string;
  processed_at: string;
}

/** Failed attempts so far, per group and event; kept outside the rolled-back transaction. */
export interface ConsumerFailureTable {
  consumer_group: string;
  event_id: string;
  attempts: number;
  last_error: string;
}

/** Poison messages a group gave up on, kept whole so they can be listed and replayed. */
export interface DeadLetterTable {
  id: Generated<number>;
  consumer_group: string;
  event_id: string;
  type: string;
  body: string;
  error: string;
  attempts: number;
  dead_at: string;
  replayed_at: string | null;
}

export interface MessagingTables {
  outbox: OutboxTable;
  relay_lease: RelayLeaseTable;
  inbox: InboxTable;
  consumer_failures: ConsumerFailureTable;
  dead_letters: DeadLetterTable;
}

/**
 * A service's database as the messaging helpers need it: queries, and one transaction in which the
 * service's own change and the outbox/inbox rows commit together. The service's other tables are its own.
 */
export interface MessagingDatabase<Tables extends MessagingTables = MessagingTables> {
  db: Kysely<Tables>;
  transaction<T>(work: (tx: Kysely<Tables>) => Promise<T>): Promise<T>;
}

/**
 * The helpers query only the messaging tables of a database that holds the service's tables too;
 * Kysely's types are invariant in the table map, so the narrowing is a cast, in this one place.
 */
export const messagingTablesOf = <Tables extends MessagingTables>(db: Kysely<Tables>) =>
  db as unknown as Kysely<MessagingTables>;

export const messagingOnly = <Tables extends MessagingTables>(
  database: MessagingDatabase<Tables>,
): MessagingDatabase => database as unknown as MessagingDatabase;

/** ISO 8601 with milliseconds: sorts as text on both databases, like every timestamp in the project. */
export const timestamp = (at = Date.now()) => new Date(at).toISOString();
