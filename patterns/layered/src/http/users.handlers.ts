import type { ConduitHandlers } from '@journey/conduit-http';
import type { Application } from '../application/index.js';
import { presentUser } from './presenters.js';

export const usersHandlers = ({ users }: Application) =>
  ({
    Login: async ({ body }) => ({ user: presentUser(await users.login(body.user)) }),
    CreateUser: async ({ body }) => ({ user: presentUser(await users.register(body.user)) }),
    GetCurrentUser: async ({ viewerId }) => ({ user: presentUser(await users.current(viewerId)) }),
    UpdateCurrentUser: async ({ viewerId, body }) => ({
      user: presentUser(await users.update(viewerId, body.user)),
    }),
  }) satisfies Partial<ConduitHandlers>;
