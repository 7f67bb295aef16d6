import { ProfileResponse } from '@journey/contract';
import { Type } from '@sinclair/typebox';

/** The profiles service's published API: the gateway imports these schemas and nothing else from here. */
const UsernameParams = Type.Object({ username: Type.String({ maxLength: 200 }) });

export const profilesApi = {
  /** GET, as the forwarded viewer (if any) sees it; 404 for a username the users replica does not know. */
  one: { path: '/profiles/:username', params: UsernameParams, response: ProfileResponse },
  /** The same, by identity's user id: how the gateway finds the author of a write views has not shown yet. */
  ofUser: {
    path: '/users/:id/profile',
    params: Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) }),
    response: ProfileResponse,
  },
  /**
   * POST follows, DELETE unfollows, for the forwarded viewer (401 without one). Both idempotent:
   * only a call that changed something publishes UserFollowed / UserUnfollowed.
   */
  follow: { path: '/profiles/:username/follow', params: UsernameParams, response: ProfileResponse },
} as const;
