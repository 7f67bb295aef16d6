import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Human-readable target for logs; never contains a password. */
  describe: string;
}

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** Accepts `postgres://…`, `sqlite:path`, `file:path`, a plain path or `:memory:`. */
export function connect(url: string): Connection {
  if (isPostgres(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const target = new URL(url);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
      describe: `postgres ${target.host}${target.pathname}`,
    };
  }
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  const sqlite = new SQLite(path);
  // WAL lets readers run while one writer commits; busy_timeout makes a second writer (another
  // worker process under --workers) wait its turn instead of failing with SQLITE_BUSY.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
    dialect: 'sqlite',
    describe: `sqlite ${path}`,
  };
}
