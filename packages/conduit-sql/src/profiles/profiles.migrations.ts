import type { Kysely } from 'kysely';
import type { TableMigrations } from '../migrate.js';

// No foreign keys into `users`: that group belongs to another module of the monolith, and a group
// boundary is where the monolith would cut if the module moved into its own service (ADR 5).
export const profilesMigrations: TableMigrations = () => ({
  'profiles-001-create': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('follows')
        .addColumn('follower_id', 'integer', (c) => c.notNull())
        .addColumn('followee_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followee_id'])
        .execute();
      await db.schema.createIndex('follows_followee_idx').on('follows').column('followee_id').execute();
    },
  },
});
