import { type Kysely, type Migration, Migrator } from 'kysely';
import type { Dialect } from './dialect.js';

/** The migrations of one group of tables; names are prefixed with the group (`articles-001-create`). */
export type TableMigrations = (dialect: Dialect) => Record<string, Migration>;

/** Runs every migration not yet applied, in name order; a failure names the migration and keeps its cause. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  groups: readonly TableMigrations[],
): Promise<void> {
  const migrations: Record<string, Migration> = Object.assign({}, ...groups.map((group) => group(dialect)));
  // Groups are independent, so a group's new migration may sort before another group's applied one
  // (articles-002 before comments-001); pending ones still run in name order.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
}
