import type { Kysely } from 'kysely';
import { defineProjection } from './projection.js';

export interface ProfilesTables {
  /** identity's public profile of each user, as its last event gave it. */
  users: { user_id: number; username: string; bio: string | null; image: string | null };
  follows: { follower_id: number; followed_id: number };
}

/** Who is who, and who follows whom: the author profiles (with `following`) every read joins. */
export const profilesProjection = defineProjection<ProfilesTables>({
  name: 'profiles',
  types: ['UserRegistered', 'UserProfileChanged', 'UserFollowed', 'UserUnfollowed'],
  tables: ['users', 'follows'],

  async createTables(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('user_id', 'integer', (c) => c.primaryKey())
      // Not unique: identity's renames of two users may reach us in either order.
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('bio', 'text')
      .addColumn('image', 'text')
      .execute();
    await db.schema.createIndex('users_username_idx').on('users').column('username').execute();
    await db.schema
      .createTable('follows')
      .addColumn('follower_id', 'integer', (c) => c.notNull())
      .addColumn('followed_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followed_id'])
      .execute();
  },

  async apply(event, tx) {
    switch (event.type) {
      case 'UserRegistered':
      case 'UserProfileChanged': {
        // Both carry the whole public profile, so either one simply makes the row read as given.
        const { userId, username, bio, image } = event.payload;
        await tx
          .insertInto('users')
          .values({ user_id: userId, username, bio, image })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ username, bio, image }))
          .execute();
        return;
      }
      case 'UserFollowed':
        await tx
          .insertInto('follows')
          .values({ follower_id: event.payload.followerId, followed_id: event.payload.followedId })
          .onConflict((oc) => oc.doNothing())
          .execute();
        return;
      case 'UserUnfollowed':
        await tx
          .deleteFrom('follows')
          .where('follower_id', '=', event.payload.followerId)
          .where('followed_id', '=', event.payload.followedId)
          .execute();
        return;
    }
  },
});
