import type { ConduitHandlers } from '@journey/conduit-http';
import type { EnterpriseServices } from '../calls/enterprise-services.js';
import {
  authenticateRequest,
  registerRequest,
  toUser,
  updateUserRequest,
} from '../transformation/users.transform.js';

/** The user account: IdentityService alone, one call each (it also issues the token). */
export function usersHandlers({
  identity,
}: EnterpriseServices): ConduitHandlers<'Login' | 'CreateUser' | 'GetCurrentUser' | 'UpdateCurrentUser'> {
  return {
    Login: async ({ body }) => ({
      user: toUser((await identity.call('Authenticate', authenticateRequest(body.user), null)).user),
    }),
    CreateUser: async ({ body }) => ({
      user: toUser((await identity.call('Register', registerRequest(body.user), null)).user),
    }),
    GetCurrentUser: async ({ viewerId }) => ({
      user: toUser((await identity.call('GetCurrentUser', {}, viewerId)).user),
    }),
    UpdateCurrentUser: async ({ viewerId, body }) => ({
      user: toUser((await identity.call('UpdateUser', updateUserRequest(body.user), viewerId)).user),
    }),
  };
}
