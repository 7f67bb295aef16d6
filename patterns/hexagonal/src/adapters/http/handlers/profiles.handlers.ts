import type { ConduitHandlers } from '@journey/conduit-http';
import type { Conduit } from '../../../application/ports/driving/use-cases.port.js';

export const profilesHandlers = (conduit: Conduit) =>
  ({
    GetProfileByUsername: async ({ viewerId, params }) => ({
      profile: await conduit.getProfile(viewerId, params.username),
    }),
    FollowUserByUsername: async ({ viewerId, params }) => ({
      profile: await conduit.followUser(viewerId, params.username),
    }),
    UnfollowUserByUsername: async ({ viewerId, params }) => ({
      profile: await conduit.unfollowUser(viewerId, params.username),
    }),
  }) satisfies Partial<ConduitHandlers>;
