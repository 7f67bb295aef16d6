import { NotFound, ValidationFailed } from '@journey/conduit-rules';
import type { Profile } from '@journey/contract';
import { createEvent, type DomainEvent } from '@journey/event-driven-events';
import { type Commit, now, type ServiceDb } from '@journey/event-driven-service-kit';
import type { Selectable } from 'kysely';
import type { ProfilesServiceTables } from './profiles.migrations.js';

type UserRow = Selectable<ProfilesServiceTables['users']>;

/** A command's answer: the profile, and the events it committed (none when nothing changed). */
export interface Answer {
  profile: Profile;
  events: DomainEvent[];
}

export function createProfiles(db: ServiceDb<ProfilesServiceTables>, commit: Commit<ProfilesServiceTables>) {
  async function target(username: string): Promise<UserRow> {
    // Newest id first: while a rename is still on its way, the name's latest owner wins.
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!row) throw new NotFound('profile');
    return row;
  }

  const asProfile = (user: UserRow, following: boolean): Profile => ({
    username: user.username,
    bio: user.bio,
    image: user.image,
    following,
  });

  async function seenBy(viewerId: number | null, user: UserRow): Promise<Profile> {
    if (viewerId === null) return asProfile(user, false);
    const follow = await db
      .selectFrom('follows')
      .select('followee_id')
      .where('follower_id', '=', viewerId)
      .where('followee_id', '=', user.id)
      .executeTakeFirst();
    return asProfile(user, follow !== undefined);
  }

  return {
    one: async (viewerId: number | null, username: string) => seenBy(viewerId, await target(username)),

    async ofUser(viewerId: number | null, userId: number): Promise<Profile> {
      const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
      if (!user) throw new NotFound('profile');
      return seenBy(viewerId, user);
    },

    async follow(followerId: number, username: string): Promise<Answer> {
      const user = await target(username);
      if (user.id === followerId) throw new ValidationFailed({ username: ['you cannot follow yourself'] });
      const { events } = await commit(async (tx, emit) => {
        const inserted = await tx
          .insertInto('follows')
          .values({ follower_id: followerId, followee_id: user.id, created_at: now() })
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        // Following twice changes nothing, so it is no new fact: the feed must not back-fill twice.
        if (inserted.numInsertedOrUpdatedRows === 1n) {
          emit(createEvent('UserFollowed', { followerId, followedId: user.id }));
        }
      });
      return { profile: asProfile(user, true), events };
    },

    async unfollow(followerId: number, username: string): Promise<Answer> {
      const user = await target(username);
      const { events } = await commit(async (tx, emit) => {
        const deleted = await tx
          .deleteFrom('follows')
          .where('follower_id', '=', followerId)
          .where('followee_id', '=', user.id)
          .executeTakeFirst();
        if (deleted.numDeletedRows === 1n) {
          emit(createEvent('UserUnfollowed', { followerId, followedId: user.id }));
        }
      });
      return { profile: asProfile(user, false), events };
    },
  };
}

export type Profiles = ReturnType<typeof createProfiles>;
