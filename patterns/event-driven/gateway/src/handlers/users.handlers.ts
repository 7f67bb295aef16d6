import type { ConduitHandlers } from '@journey/conduit-http';
import type { User } from '@journey/contract';
import { type Account, identityApi } from '@journey/event-driven-identity/api';
import type { GatewayBudgets } from '../budgets.js';
import type { Command } from '../command.js';
import type { Services } from '../services.js';

type AccountAnswer = { account: Account };

/** The account's public face: its id stays inside the system. */
const asUser = ({ account }: AccountAnswer): { user: User } => ({
  user: {
    email: account.email,
    token: account.token,
    username: account.username,
    bio: account.bio,
    image: account.image,
  },
});

/**
 * Identity owns accounts and answers every user call itself. Registering and editing a profile are
 * commands: profiles and views keep copies of the public profile, and wait to be told; the answer is
 * identity's account either way (marked pending while a copy lags). Calls that hash a password get
 * the hashing budget.
 */
export const usersHandlers = (
  { identity }: Services,
  command: Command,
  { passwordHashingMs }: GatewayBudgets,
): ConduitHandlers<'Login' | 'CreateUser' | 'GetCurrentUser' | 'UpdateCurrentUser'> => ({
  Login: async ({ body: { user } }) => {
    const credentials = { email: user.email, password: user.password };
    const { body } = await identity.send<AccountAnswer>({
      method: 'POST',
      route: identityApi.login.path,
      json: { user: credentials },
      timeoutMs: passwordHashingMs,
    });
    return asUser(body);
  },
  CreateUser: async ({ body: { user } }) => {
    const registration = { username: user.username, email: user.email, password: user.password };
    const registered = await command<AccountAnswer>(identity, {
      method: 'POST',
      route: identityApi.register.path,
      json: { user: registration },
      timeoutMs: passwordHashingMs,
    });
    return asUser(registered.written);
  },
  GetCurrentUser: async ({ viewerId }) =>
    asUser(
      (await identity.send<AccountAnswer>({ method: 'GET', route: identityApi.me.path, viewerId })).body,
    ),
  UpdateCurrentUser: async ({ viewerId, body: { user } }) => {
    // Field by field: a client's extra (possibly huge) fields stop here instead of travelling on.
    const changes = {
      email: user.email,
      username: user.username,
      password: user.password,
      bio: user.bio,
      image: user.image,
    };
    const updated = await command<AccountAnswer>(identity, {
      method: 'PUT',
      route: identityApi.me.path,
      viewerId,
      json: { user: changes },
      // Only a new password is hashed; an edit of the bio is an ordinary call.
      ...(user.password && { timeoutMs: passwordHashingMs }),
    });
    return asUser(updated.written);
  },
});
