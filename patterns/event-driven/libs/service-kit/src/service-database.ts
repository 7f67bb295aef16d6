import { type MigratedDatabase, openMigratedDatabase, type TableMigrations } from '@journey/conduit-sql';
import { type MessagingTables, messagingMigrations } from '@journey/event-driven-outbox';
import type { Kysely } from 'kysely';

export { type Dialect, primaryId } from '@journey/conduit-sql';

/** A service's own migrations, named `<service>-NNN-…`. */
export type ServiceMigrations = TableMigrations;

/** A service's own tables and the messaging tables, in one database: what its queries and transactions see. */
export type ServiceDb<Tables> = Kysely<Tables & MessagingTables>;

/** Its own database (see @journey/conduit-sql's openMigratedDatabase), messaging tables included. */
export type ServiceDatabase<Tables> = MigratedDatabase<Tables & MessagingTables>;

/**
 * pattern: database per service, and the messaging tables (outbox, inbox, dead letters) live in it,
 * so a state change and its event, or an event and its effect, commit in one local transaction.
 */
export const openServiceDatabase = <Tables>(
  url: string,
  ownMigrations: ServiceMigrations,
): Promise<ServiceDatabase<Tables>> =>
  openMigratedDatabase<Tables & MessagingTables>(url, [messagingMigrations, ownMigrations]);

/** Timestamps are ISO 8601 text with milliseconds on both databases. */
export const now = () => new Date().toISOString();
