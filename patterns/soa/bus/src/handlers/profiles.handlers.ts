import type { ConduitHandlers } from '@journey/conduit-http';
import type { EnterpriseServices } from '../calls/enterprise-services.js';
import { toProfile } from '../transformation/profiles.transform.js';

/** Reading a profile is identity's (it reads the follows table); following is engagement's business. */
export function profilesHandlers({
  identity,
  engagement,
}: EnterpriseServices): ConduitHandlers<
  'GetProfileByUsername' | 'FollowUserByUsername' | 'UnfollowUserByUsername'
> {
  return {
    GetProfileByUsername: async ({ viewerId, params }) => ({
      profile: toProfile(
        (await identity.call('GetProfile', { username: params.username }, viewerId)).profile,
      ),
    }),
    FollowUserByUsername: async ({ viewerId, params }) => ({
      profile: toProfile((await engagement.call('Follow', { username: params.username }, viewerId)).profile),
    }),
    UnfollowUserByUsername: async ({ viewerId, params }) => ({
      profile: toProfile(
        (await engagement.call('Unfollow', { username: params.username }, viewerId)).profile,
      ),
    }),
  };
}
