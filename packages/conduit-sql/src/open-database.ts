import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Dialect } from './dialect.js';
import { withStatementCache } from './statement-cache.js';

export interface OpenDatabase<Tables> {
  db: Kysely<Tables>;
  dialect: Dialect;
  /** Where the data lives, for logs and /health; never contains a password. */
  describe: string;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

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
    const pool = new pg.Pool({ connectionString: url, max: poolMax });
    // An idle connection the server closes (restart, admin kill) is emitted on the pool; unheard, that
    // event would crash the process. The pool has already discarded the connection and opens a new
    // one on the next query, so a warning is all it needs.
    pool.on('error', (error) =>
      process.emitWarning(`PostgreSQL closed an idle connection of ${describe}: ${error.message}`, {
        code: 'JOURNEY_PG_IDLE_CONNECTION_LOST',
      }),
    );
    // A connection lost while checked out (between a transaction's queries) is emitted on its client,
    // where the pool no longer listens: unheard, it crashed the process (journey chaos … away db). The
    // query under way fails with it, and the pool drops the client when it is released.
    pool.on('connect', (client) =>
      client.on('error', (error) =>
        process.emitWarning(`PostgreSQL lost a connection in use of ${describe}: ${error.message}`, {
          code: 'JOURNEY_PG_CONNECTION_LOST',
        }),
      ),
    );
    return {
      db: new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }),
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
