import { isPostgresUrl } from '@journey/conduit-sql';
import pg from 'pg';

const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Refuses, in one sentence, a database the runtime cannot serve a fleet from: SQLite unless one
 * instance per function runs (`--single`), or a PostgreSQL server that does not answer.
 */
export async function checkDatabase(databaseUrl: string, single: boolean): Promise<void> {
  if (!isPostgresUrl(databaseUrl)) {
    if (single) return;
    throw new Error(
      'SQLite holds one writer at a time; a fleet of instances needs PostgreSQL — run with --single for one instance per function on SQLite',
    );
  }
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
  } catch (error) {
    const target = new URL(databaseUrl);
    throw new Error(
      `PostgreSQL at ${target.host}${target.pathname} is not reachable: ${(error as Error).message || String(error)}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
