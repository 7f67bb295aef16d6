import type { ConduitHandlers } from '@journey/conduit-http';
import type { Clients } from '../clients/index.js';
import { toUser } from '../compose.js';
import { forwarded } from '../forwarded.js';

export const usersHandlers = ({
  identity,
}: Clients): ConduitHandlers<'Login' | 'CreateUser' | 'GetCurrentUser' | 'UpdateCurrentUser'> => ({
  Login: async ({ body }) => ({ user: toUser(await identity.login(forwarded.login(body.user))) }),
  CreateUser: async ({ body }) => ({ user: toUser(await identity.register(forwarded.newUser(body.user))) }),
  GetCurrentUser: async ({ viewerId }) => ({ user: toUser(await identity.current(viewerId)) }),
  UpdateCurrentUser: async ({ viewerId, body }) => ({
    user: toUser(await identity.update(viewerId, forwarded.userChanges(body.user))),
  }),
});
