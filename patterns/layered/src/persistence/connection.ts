import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for logs and /health; never contains a password. */
  describe: string;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** `postgres://…` opens a pool; anything else is a SQLite path (`sqlite:` and `file:` prefixes allowed). */
export function connect(url: string): Connection {
  if (isPostgresUrl(url)) {
    const target = new URL(url);
    return {
      db: new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10 }) }),
      }),
      dialect: 'postgres',
      describe: `postgres ${target.host}${target.pathname}`,
    };
  }
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  const sqlite = new SQLite(path);
  // WAL: readers never wait for the writer. busy_timeout: a second writer waits instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Off by default in SQLite; the schema's ON DELETE CASCADE relies on it.
  sqlite.pragma('foreign_keys = ON');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) }),
    dialect: 'sqlite',
    describe: `sqlite ${path}`,
  };
}

/**
 * Kysely prepares every query anew, and on SQLite preparing costs about as much as running. The same
 * few SQL texts repeat with new parameters, so the most recent prepared statements are kept (Map order
 * = least recently used first). Safe because Kysely's SQLite driver runs one query at a time.
 */
function cachingStatements(sqlite: SQLite.Database, capacity = 256): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      const statement = statements.get(sql) ?? sqlite.prepare(sql);
      statements.delete(sql);
      statements.set(sql, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close: () => sqlite.close(),
  };
}
