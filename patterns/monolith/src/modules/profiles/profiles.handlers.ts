import type { ConduitHandlers } from '@journey/conduit-http';
import type { ProfilesService } from './profiles.service.js';

export const profilesHandlers = (profiles: ProfilesService) =>
  ({
    GetProfileByUsername: async ({ viewerId, params }) => ({
      profile: await profiles.get(viewerId, params.username),
    }),
    FollowUserByUsername: async ({ viewerId, params }) => ({
      profile: await profiles.follow(viewerId, params.username),
    }),
    UnfollowUserByUsername: async ({ viewerId, params }) => ({
      profile: await profiles.unfollow(viewerId, params.username),
    }),
  }) satisfies Partial<ConduitHandlers>;
