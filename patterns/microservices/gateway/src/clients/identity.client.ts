import type { LoginUser, NewUser, UpdateUser } from '@journey/contract';
import type { Account, UserCard } from '@journey/microservices-identity/api';
import type { Downstream } from '@journey/microservices-service-client';

/**
 * Register, log in and change the password run scrypt, slow on purpose; a burst of them on a busy
 * machine takes seconds, so those calls get a longer budget than the default. A dead identity service
 * still answers at once (connection refused), whatever the budget.
 */
const HASHING_MS = 25_000;

export function identityClient(identity: Downstream) {
  const account = async (call: Promise<{ account: Account }>) => (await call).account;
  return {
    register: (user: NewUser) =>
      account(identity.call({ method: 'POST', route: '/accounts', json: { user }, timeoutMs: HASHING_MS })),
    login: (user: LoginUser) =>
      account(identity.call({ method: 'POST', route: '/sessions', json: { user }, timeoutMs: HASHING_MS })),
    current: (viewerId: number) => account(identity.call({ method: 'GET', route: '/accounts/me', viewerId })),
    update: (viewerId: number, user: UpdateUser) =>
      account(
        identity.call({
          method: 'PUT',
          route: '/accounts/me',
          viewerId,
          json: { user },
          timeoutMs: HASHING_MS,
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
  };
}

export type IdentityClient = ReturnType<typeof identityClient>;
