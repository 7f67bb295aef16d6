/**
 * The deploy step that brings the database to the Conduit schema and the pattern's own event tables (ADR 0014): run once before a new
 * version's functions take traffic, never on a cold start, where every new instance would race to
 * migrate and pay for it in latency. `node --import tsx patterns/serverless/core/migrate.ts` with
 * DATABASE_URL set.
 */
import { pathToFileURL } from 'node:url';
import { migrateToLatest, openDatabase } from '@journey/conduit-sql';
import { conduitMigrations } from '@journey/conduit-sql/schema';
import type { Kysely } from 'kysely';
import { eventMigrations } from './event-tables.js';
import { functionSettings } from './settings.js';

/**
 * Migrates the database at `databaseUrl` to the latest Conduit schema, then the serverless pattern's own
 * tables (event-tables.ts); returns where it is.
 */
export async function migrateConduitDatabase(databaseUrl: string): Promise<string> {
  const { db, dialect, describe } = openDatabase<unknown>(databaseUrl);
  try {
    await migrateToLatest(db as Kysely<unknown>, dialect, [...conduitMigrations, eventMigrations]);
    return describe;
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  migrateConduitDatabase(functionSettings().databaseUrl).then(
    (describe) => console.log(`migrated ${describe} to the latest Conduit schema`),
    (error: unknown) => {
      console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
