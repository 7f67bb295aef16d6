import { NotFound, ValidationFailed } from '@journey/conduit-rules';
import { now } from '@journey/microservices-service-kit';
import type { Kysely } from 'kysely';
import type { ProfileCard } from './api.js';
import type { ProfilesTables } from './follows.migrations.js';
import type { IdentityClient, UserCard } from './identity.client.js';

/**
 * pattern: a profile is composed from two owners — identity's user data and this service's follow
 * rows. A page's authors are composed by the gateway, which asks both at once (`followedAmong`);
 * one profile by username is composed here, where the name is resolved anyway.
 */
export function createProfiles(db: Kysely<ProfilesTables>, identity: IdentityClient) {
  async function followedAmong(viewerId: number | null, ids: readonly number[]): Promise<Set<number>> {
    if (viewerId === null || ids.length === 0) return new Set();
    const rows = await db
      .selectFrom('follows')
      .select('followee_id')
      .where('follower_id', '=', viewerId)
      .where('followee_id', 'in', [...ids])
      .execute();
    return new Set(rows.map((r) => r.followee_id));
  }

  const asProfile = (card: UserCard, following: boolean): ProfileCard => ({ ...card, following });

  async function target(username: string): Promise<UserCard> {
    const card = await identity.byUsername(username);
    if (!card) throw new NotFound('profile');
    return card;
  }

  return {
    followedAmong,

    async one(viewerId: number | null, username: string): Promise<ProfileCard> {
      const card = await target(username);
      return asProfile(card, (await followedAmong(viewerId, [card.id])).has(card.id));
    },

    async follow(followerId: number, username: string): Promise<ProfileCard> {
      const card = await target(username);
      if (card.id === followerId) throw new ValidationFailed({ username: ['you cannot follow yourself'] });
      // Idempotent: following twice leaves one row, and racing follows cannot both insert.
      await db
        .insertInto('follows')
        .values({ follower_id: followerId, followee_id: card.id, created_at: now() })
        .onConflict((oc) => oc.doNothing())
        .execute();
      return asProfile(card, true);
    },

    async unfollow(followerId: number, username: string): Promise<ProfileCard> {
      const card = await target(username);
      await db
        .deleteFrom('follows')
        .where('follower_id', '=', followerId)
        .where('followee_id', '=', card.id)
        .execute();
      return asProfile(card, false);
    },

    async followees(followerId: number): Promise<number[]> {
      const rows = await db
        .selectFrom('follows')
        .select('followee_id')
        .where('follower_id', '=', followerId)
        .execute();
      return rows.map((r) => r.followee_id);
    },
  };
}

export type Profiles = ReturnType<typeof createProfiles>;
