import { checkpointInWorker } from '@journey/broker';
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
import { type Kysely, sql } from 'kysely';

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
  const stopCheckpoints = await checkpointOffTheEventLoop(database);
  return {
    ...database,
    idempotencyKeys: keys,
    async close() {
      await stopCheckpoints();
      await database.close();
    },
  };
}

/**
 * On a SQLite file, the automatic checkpoint stalled the event loop 85–240 ms every few seconds under
 * the propagation bench's load (views writes ~20 feed rows per article): every event queued behind it
 * paid, which was most of the lag's p99 (issue 18). A worker thread checkpoints the file instead.
 */
async function checkpointOffTheEventLoop<T>(database: MigratedDatabase<T>): Promise<() => Promise<void>> {
  if (database.dialect !== 'sqlite') return async () => {};
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(database.db);
  const file = rows[0]?.file;
  // An in-memory database has no file, nor a WAL to checkpoint.
  if (!file) return async () => {};
  // Kysely's SQLite driver holds one connection, so this reaches every write the service makes.
  await sql`pragma wal_autocheckpoint = 0`.execute(database.db);
  return checkpointInWorker(file, (message) =>
    process.emitWarning(message, { code: 'JOURNEY_WAL_CHECKPOINT' }),
  );
}

/** Timestamps are ISO 8601 text with milliseconds on both databases. */
export const now = () => new Date().toISOString();
