import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Dialect } from './dialect.js';
import { withStatementCache } from './statement-cache.js';

export interface OpenDatabase<Tables> {
  db: Kysely<Tables>;
  dialect: Dialect;
  /** Where the data lives, for logs and /health; never contains a password. */
  describe: string;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

// pg is imported by the first PostgreSQL database a process opens (Kysely asks for the pool on its first
// query): a process on SQLite never holds it, ~15 MiB of idle memory (issue 18). A dynamic import, not
// createRequire, so bundlers (the AWS functions' esbuild builds) still inline it.
const loadPg = async () => (await import('pg')).default;

/**
 * `postgres://…` opens a pool; anything else is a SQLite file (`sqlite:` and `file:` prefixes
 * allowed, its folder created) or `:memory:`. The caller names the tables it may query.
 * `poolMax` bounds the PostgreSQL connections the pool may hold at once.
 */
export function openDatabase<Tables>(
  url: string,
  { poolMax = 10 }: { poolMax?: number } = {},
): OpenDatabase<Tables> {
  if (isPostgresUrl(url)) {
    const target = new URL(url);
    const describe = `postgres ${target.host}${target.pathname}`;
    const createPool = async () => {
      const pool = new (await loadPg()).Pool({ connectionString: url, max: poolMax });
      // A connection the server closes (restart, admin kill, a cut network) emits 'error' on its client,
      // idle or checked out; unheard, it crashed the process (journey chaos … away db). The pool drops
      // the client (at once when idle, when released otherwise) and opens a new one on the next query,
      // and a query under way fails with it, so a warning is all it needs.
      pool.on('connect', (client) =>
        client.on('error', (error) =>
          process.emitWarning(`PostgreSQL lost a connection of ${describe}: ${error.message}`, {
            code: 'JOURNEY_PG_CONNECTION_LOST',
          }),
        ),
      );
      // The pool re-emits an idle client's error on itself, where it would crash the process unheard;
      // the client's listener above has already warned.
      pool.on('error', () => {});
      return pool;
    };
    return {
      db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool: createPool }) }),
      dialect: 'postgres',
      describe,
    };
  }
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run while one writer commits; busy_timeout makes a second writer (another
  // worker process) wait its turn instead of failing with SQLITE_BUSY.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Off by default in SQLite; the articles group's ON DELETE CASCADE relies on it.
  sqlite.pragma('foreign_keys = ON');
  return {
    db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
    dialect: 'sqlite',
    describe: `sqlite ${path}`,
  };
}
