import type { ConduitHandlers } from '@journey/conduit-http';
import type { Profile } from '@journey/contract';
import { profilesApi } from '@journey/event-driven-profiles/api';
import type { Command } from '../command.js';
import type { Services } from '../services.js';

type ProfileAnswer = { profile: Profile };

/** Profiles owns follows and keeps a replica of every user's public profile, so it answers whole. */
export function profilesHandlers(
  { profiles }: Services,
  command: Command,
): ConduitHandlers<'GetProfileByUsername' | 'FollowUserByUsername' | 'UnfollowUserByUsername'> {
  // Following changes the follower's feed in views: the command waits for it before answering, and
  // answers with profiles' own profile either way (marked pending while the feed lags).
  const follow =
    (method: 'POST' | 'DELETE') =>
    async ({ viewerId, params }: { viewerId: number; params: { username: string } }) =>
      (
        await command<ProfileAnswer>(profiles, {
          method,
          route: profilesApi.follow.path,
          params: { username: params.username },
          viewerId,
        })
      ).written;
  return {
    GetProfileByUsername: async ({ viewerId, params }) =>
      (
        await profiles.send<ProfileAnswer>({
          method: 'GET',
          route: profilesApi.one.path,
          params: { username: params.username },
          viewerId,
        })
      ).body,
    FollowUserByUsername: follow('POST'),
    UnfollowUserByUsername: follow('DELETE'),
  };
}
