import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrate } from '../sql/migrations.js';
import type { Database, SqlDialect } from '../sql/schema.js';
import { sqlRepositories } from '../sql/sql-repositories.js';
import type { Storage } from '../storage.js';

/** PostgreSQL names the broken constraint (SQLSTATE 23505); ours are named after their column. */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  violatedUnique(error) {
    const { code, constraint = '' } = (error ?? {}) as { code?: string; constraint?: string };
    if (code !== '23505') return undefined;
    if (constraint.startsWith('users_email')) return 'email';
    if (constraint.startsWith('articles_slug')) return 'slug';
    if (constraint.startsWith('users_username')) return 'username';
    return undefined;
  },
};

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export async function postgresStorage(url: string, options: { migrate?: boolean } = {}): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  if (options.migrate !== false) await migrate(db as Kysely<unknown>, 'postgres');
  const target = new URL(url);
  return {
    ...sqlRepositories(db, postgresDialect),
    // READ COMMITTED is enough: every rule that races is held by a constraint or a single UPDATE.
    uow: { run: (work) => db.transaction().execute((tx) => work(sqlRepositories(tx, postgresDialect))) },
    describe: `postgres ${target.host}${target.pathname}`,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
