import {
  type IdempotencyKeys,
  type IdempotencyTables,
  idempotencyKeys,
  idempotencyMigrations,
  type MigratedDatabase,
  openMigratedDatabase,
  type TableMigrations,
} from '@journey/conduit-sql';
import { type MessagingTables, messagingMigrations } from '@journey/event-driven-outbox';
import type { Kysely } from 'kysely';

export { type Dialect, primaryId } from '@journey/conduit-sql';

/** A service's own migrations, named `<service>-NNN-…`. */
export type ServiceMigrations = TableMigrations;

/** A service's own tables and the messaging tables, in one database: what its queries and transactions see. */
export type ServiceDb<Tables> = Kysely<Tables & MessagingTables>;

/**
 * Its own database (see @journey/conduit-sql's openMigratedDatabase), messaging tables included, and
 * the Idempotency-Keys of the commands it owns, claimed in the transaction that writes the state
 * change and its event (ADR 0011).
 */
export interface ServiceDatabase<Tables> extends MigratedDatabase<Tables & MessagingTables> {
  idempotencyKeys: IdempotencyKeys;
}

/**
 * pattern: database per service, and the messaging tables (outbox, inbox, dead letters) live in it,
 * so a state change and its event, or an event and its effect, commit in one local transaction.
 */
export async function openServiceDatabase<Tables>(
  url: string,
  ownMigrations: ServiceMigrations,
): Promise<ServiceDatabase<Tables>> {
  const database = await openMigratedDatabase<Tables & MessagingTables>(url, [
    messagingMigrations,
    idempotencyMigrations,
    ownMigrations,
  ]);
  // The keys' table sits beside the service's own tables; its queries touch nothing else.
  const keys = idempotencyKeys(database.db as unknown as Kysely<IdempotencyTables>);
  return { ...database, idempotencyKeys: keys };
}

/** Timestamps are ISO 8601 text with milliseconds on both databases. */
export const now = () => new Date().toISOString();
