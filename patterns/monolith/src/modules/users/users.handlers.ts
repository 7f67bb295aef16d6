import type { ConduitHandlers } from '@journey/conduit-http';
import type { UsersService } from './users.service.js';

export const usersHandlers = (users: UsersService) =>
  ({
    Login: async ({ body }) => ({ user: await users.login(body.user) }),
    CreateUser: async ({ body }) => ({ user: await users.register(body.user) }),
    GetCurrentUser: async ({ viewerId }) => ({ user: await users.current(viewerId) }),
    UpdateCurrentUser: async ({ viewerId, body }) => ({ user: await users.update(viewerId, body.user) }),
  }) satisfies Partial<ConduitHandlers>;
