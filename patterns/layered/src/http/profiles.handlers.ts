import type { ConduitHandlers } from '@journey/conduit-http';
import type { Application } from '../application/index.js';
import { presentProfile } from './presenters.js';

export const profilesHandlers = ({ profiles }: Application) =>
  ({
    GetProfileByUsername: async ({ viewerId, params }) => ({
      profile: presentProfile(await profiles.get(viewerId, params.username)),
    }),
    FollowUserByUsername: async ({ viewerId, params }) => ({
      profile: presentProfile(await profiles.follow(viewerId, params.username)),
    }),
    UnfollowUserByUsername: async ({ viewerId, params }) => ({
      profile: presentProfile(await profiles.unfollow(viewerId, params.username)),
    }),
  }) satisfies Partial<ConduitHandlers>;
