import type { LoginUser, NewUser, UpdateUser } from '@journey/contract';
import type { Account, UserCard } from '@journey/microservices-identity/api';
import type { Downstream } from '@journey/microservices-service-client';

/** Register, log in and a change of password hash it: those calls get `passwordHashingMs` (budgets.ts). */
export function identityClient(identity: Downstream, passwordHashingMs: number) {
  const account = async (call: Promise<{ account: Account }>) => (await call).account;
  return {
    register: (user: NewUser) =>
      account(
        identity.call({ method: 'POST', route: '/accounts', json: { user }, timeoutMs: passwordHashingMs }),
      ),
    login: (user: LoginUser) =>
      account(
        identity.call({ method: 'POST', route: '/sessions', json: { user }, timeoutMs: passwordHashingMs }),
      ),
    current: (viewerId: number) => account(identity.call({ method: 'GET', route: '/accounts/me', viewerId })),
    update: (viewerId: number, user: UpdateUser) =>
      account(
        identity.call({
          method: 'PUT',
          route: '/accounts/me',
          viewerId,
          json: { user },
          timeoutMs: passwordHashingMs,
        }),
      ),
    /** Username → user for every name in one call; names that do not exist are simply absent. */
    async byUsernames(usernames: string[]): Promise<Map<string, UserCard>> {
      if (usernames.length === 0) return new Map();
      const { users } = await identity.call<{ users: UserCard[] }>({
        method: 'GET',
        route: '/users',
        query: { usernames },
      });
      return new Map(users.map((user) => [user.username, user]));
    },
    /** Id → public user data for every id in one call; ids that do not exist are simply absent. */
    async byIds(ids: readonly number[]): Promise<Map<number, UserCard>> {
      if (ids.length === 0) return new Map();
      const { users } = await identity.call<{ users: UserCard[] }>({
        method: 'GET',
        route: '/users',
        query: { ids },
      });
      return new Map(users.map((user) => [user.id, user]));
    },
  };
}

export type IdentityClient = ReturnType<typeof identityClient>;
