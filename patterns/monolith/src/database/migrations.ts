import { type Kysely, type Migration, Migrator } from 'kysely';
import { articlesMigrations } from '../modules/articles/articles.migrations.js';
import { commentsMigrations } from '../modules/comments/comments.migrations.js';
import { profilesMigrations } from '../modules/profiles/profiles.migrations.js';
import { usersMigrations } from '../modules/users/users.migrations.js';
import type { Dialect } from './connection.js';

/** Each module ships the migrations of the tables it owns; names are prefixed with the module. */
export type ModuleMigrations = (dialect: Dialect) => Record<string, Migration>;

const modules: ModuleMigrations[] = [
  usersMigrations,
  profilesMigrations,
  articlesMigrations,
  commentsMigrations,
];

export async function migrate(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const migrations = Object.assign({}, ...modules.map((m) => m(dialect)));
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`,
      {
        cause: error,
      },
    );
  }
}

/** An auto-incrementing integer primary key, spelled the way each database wants it. */
export const idType = (dialect: Dialect) => (dialect === 'postgres' ? 'serial' : 'integer');
export const autoIncrement = (dialect: Dialect) => dialect === 'sqlite';
