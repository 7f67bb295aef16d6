import type { ConduitHandlers } from '@journey/conduit-http';
import type { Conduit } from '../../../application/ports/driving/use-cases.port.js';

export const usersHandlers = (conduit: Conduit) =>
  ({
    Login: async ({ body }) => ({ user: await conduit.logIn(body.user) }),
    CreateUser: async ({ body }) => ({ user: await conduit.registerUser(body.user) }),
    GetCurrentUser: async ({ viewerId }) => ({ user: await conduit.getCurrentUser(viewerId) }),
    UpdateCurrentUser: async ({ viewerId, body }) => ({
      user: await conduit.updateUser(viewerId, body.user),
    }),
  }) satisfies Partial<ConduitHandlers>;
