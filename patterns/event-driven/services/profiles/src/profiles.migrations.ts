import { type ProfilesTables, profilesMigrations } from '@journey/conduit-sql/profiles';
import type { ServiceMigrations } from '@journey/event-driven-service-kit';
import type { Kysely } from 'kysely';

export interface ProfilesServiceTables extends ProfilesTables {
  /** A replica of identity's public user data, written only by this service's consumer. */
  users: { id: number; username: string; bio: string | null; image: string | null };
}

/**
 * pattern: database per service. Follows are owned here, the same table a single-database pattern's
 * profiles module has (shared from `@journey/conduit-sql/profiles`), next to the replica of users.
 */
export const profilesServiceMigrations: ServiceMigrations = (dialect) => ({
  ...profilesMigrations(dialect),
  'profiles-002-users-replica': {
    async up(db: Kysely<unknown>) {
      // identity's ids, not ours: no autoincrement. No unique username either: a rename and a
      // registration of the freed name may arrive in either order, and the replica must take both.
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('bio', 'text')
        .addColumn('image', 'text')
        .execute();
      await db.schema.createIndex('users_username').on('users').column('username').execute();
    },
  },
});
