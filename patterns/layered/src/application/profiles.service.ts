import { checkRule } from '../domain/business-rule.js';
import { CannotFollowYourself, type Profile } from '../domain/profile.js';
import type { User } from '../domain/user.js';
import { authorOf, profilesOf } from './authors.js';
import type { ServiceDeps } from './deps.js';
import { NotFound } from './errors.js';

export function createProfilesService({ data, clock }: ServiceDeps) {
  async function target(username: string): Promise<User> {
    const user = await data.users.byUsername(username);
    if (!user) throw new NotFound('profile');
    return user;
  }

  const seenBy = async (viewerId: number | null, user: User): Promise<Profile> =>
    authorOf(await profilesOf(data, viewerId, [user.id]), user.id, 'profile');

  return {
    async get(viewerId: number | null, username: string): Promise<Profile> {
      return seenBy(viewerId, await target(username));
    },

    async follow(followerId: number, username: string): Promise<Profile> {
      const followee = await target(username);
      checkRule(new CannotFollowYourself(followerId, followee.id));
      await data.follows.follow(followerId, followee.id, clock());
      return seenBy(followerId, followee);
    },

    async unfollow(followerId: number, username: string): Promise<Profile> {
      const followee = await target(username);
      await data.follows.unfollow(followerId, followee.id);
      return seenBy(followerId, followee);
    },
  };
}

export type ProfilesService = ReturnType<typeof createProfilesService>;
