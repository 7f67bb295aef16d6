import type { ServiceMigrations } from '@journey/microservices-service-kit';
import type { Kysely } from 'kysely';

export interface FollowsTables {
  follows: { follower_id: number; followee_id: number; created_at: string };
}

// Both ids name identity's accounts: plain integers, no foreign key across a service boundary.
export const followsMigrations: ServiceMigrations = () => ({
  'profiles-001-follows': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('follows')
        .addColumn('follower_id', 'integer', (c) => c.notNull())
        .addColumn('followee_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followee_id'])
        .execute();
    },
  },
});
