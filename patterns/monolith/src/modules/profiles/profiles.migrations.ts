import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../database/migrations.js';

// No foreign keys into `users`: that table belongs to another module, and a module boundary is
// where we would cut if this module ever moved into its own service (see the microservices pattern).
export const profilesMigrations: ModuleMigrations = () => ({
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
