import type { ConduitHandlers } from '@journey/conduit-http';
import type { Clients } from '../clients/index.js';
import { toProfile } from '../compose.js';

export const profilesHandlers = ({
  profiles,
}: Clients): ConduitHandlers<'GetProfileByUsername' | 'FollowUserByUsername' | 'UnfollowUserByUsername'> => ({
  GetProfileByUsername: async ({ viewerId, params }) => ({
    profile: toProfile(await profiles.one(viewerId, params.username)),
  }),
  FollowUserByUsername: async ({ viewerId, params }) => ({
    profile: toProfile(await profiles.follow(viewerId, params.username)),
  }),
  UnfollowUserByUsername: async ({ viewerId, params }) => ({
    profile: toProfile(await profiles.unfollow(viewerId, params.username)),
  }),
});
