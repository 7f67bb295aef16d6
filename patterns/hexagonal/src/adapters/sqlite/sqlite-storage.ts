import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { migrate } from '../sql/migrations.js';
import type { Database, SqlDialect } from '../sql/schema.js';
import { sqlRepositories } from '../sql/sql-repositories.js';
import type { Storage } from '../storage.js';

/**
 * SQLite reports a broken UNIQUE rule by its columns (`UNIQUE constraint failed: users.email`) or,
 * for an expression index, by the index's name (`index 'users_username_lower_unique'`).
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  violatedUnique(error) {
    const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
    if (message.includes('users.email')) return 'email';
    if (message.includes('articles.slug')) return 'slug';
    if (message.includes('username')) return 'username';
    return undefined;
  },
};

/** A file path (`sqlite:` and `file:` prefixes allowed) or `:memory:`. */
export async function sqliteStorage(url: string, options: { migrate?: boolean } = {}): Promise<Storage> {
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers run while one writer commits; busy_timeout makes another process's writer wait
  // its turn instead of failing with SQLITE_BUSY.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (options.migrate !== false) await migrate(db as Kysely<unknown>, 'sqlite');

  return {
    ...sqlRepositories(db, sqliteDialect),
    uow: {
      // BEGIN IMMEDIATE takes the write lock up front: two writers never both read and then fail to
      // upgrade (SQLITE_BUSY_SNAPSHOT). Kysely's transaction() would issue a deferred BEGIN. Holding
      // the driver's one connection also queues every other query of this process behind the unit.
      run: (work) =>
        db.connection().execute(async (connection) => {
          await sql`begin immediate`.execute(connection);
          try {
            const result = await work(sqlRepositories(connection, sqliteDialect));
            await sql`commit`.execute(connection);
            return result;
          } catch (error) {
            await sql`rollback`.execute(connection);
            throw error;
          }
        }),
    },
    describe: `sqlite ${path}`,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
