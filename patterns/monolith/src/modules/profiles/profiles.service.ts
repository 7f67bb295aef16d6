import { ValidationFailed } from '@journey/conduit-rules';
import {
  deleteFollow,
  followedAmong,
  followeeIdsOf,
  insertFollow,
  type ProfilesTables,
} from '@journey/conduit-sql/profiles';
import type { Profile } from '@journey/contract';
import type { Kysely } from 'kysely';
import { now } from '../../shared/clock.js';
import { NotFound } from '../../shared/errors.js';
import type { UserSummary, UsersApi } from '../users/index.js';

export function createProfilesService(db: Kysely<ProfilesTables>, users: UsersApi) {
  /**
   * One query for the users and one for the follow flags, however many profiles are asked for. The
   * second is skipped when nobody could be followed: an anonymous viewer, or only the viewer's own
   * profile (nobody follows themselves), as when an author reads or publishes their article.
   */
  async function profilesByIds(
    viewerId: number | null,
    ids: readonly number[],
  ): Promise<Map<number, Profile>> {
    const others = viewerId === null ? [] : ids.filter((id) => id !== viewerId);
    const [summaries, followed] = await Promise.all([
      users.summariesByIds(ids),
      viewerId === null || others.length === 0 ? new Set<number>() : followedAmong(db, viewerId, others),
    ]);
    return asProfiles(summaries, followed);
  }

  /** The feed's authors: the viewer follows them all (that is how they got into the feed). */
  async function followedProfilesByIds(ids: readonly number[]): Promise<Map<number, Profile>> {
    const summaries = await users.summariesByIds(ids);
    return asProfiles(summaries, new Set(summaries.keys()));
  }

  function asProfiles(summaries: Map<number, UserSummary>, followed: Set<number>): Map<number, Profile> {
    const profiles = new Map<number, Profile>();
    for (const [id, user] of summaries) {
      profiles.set(id, {
        username: user.username,
        bio: user.bio,
        image: user.image,
        following: followed.has(id),
      });
    }
    return profiles;
  }

  async function targetId(username: string): Promise<number> {
    const id = await users.idOf(username);
    if (id === undefined) throw new NotFound('profile');
    return id;
  }

  async function profileOf(viewerId: number | null, id: number): Promise<Profile> {
    const profile = (await profilesByIds(viewerId, [id])).get(id);
    if (!profile) throw new NotFound('profile');
    return profile;
  }

  return {
    profilesByIds,
    followedProfilesByIds,

    followeeIds: (followerId: number) => followeeIdsOf(db, followerId),

    async get(viewerId: number | null, username: string): Promise<Profile> {
      return profileOf(viewerId, await targetId(username));
    },

    async follow(followerId: number, username: string): Promise<Profile> {
      const followeeId = await targetId(username);
      if (followeeId === followerId) throw new ValidationFailed({ username: ['you cannot follow yourself'] });
      // Idempotent: following twice leaves one row, and racing follows cannot both insert.
      await insertFollow(db, followerId, followeeId, now());
      return profileOf(followerId, followeeId);
    },

    async unfollow(followerId: number, username: string): Promise<Profile> {
      const followeeId = await targetId(username);
      await deleteFollow(db, followerId, followeeId);
      return profileOf(followerId, followeeId);
    },
  };
}

export type ProfilesService = ReturnType<typeof createProfilesService>;
