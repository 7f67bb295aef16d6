import type { Downstream } from '@journey/microservices-service-client';

/** The part of identity's API this service reads, declared by the consumer: public user data. */
export interface UserCard {
  id: number;
  username: string;
  bio: string | null;
  image: string | null;
}

export function identityClient(identity: Downstream) {
  return {
    async byUsername(username: string): Promise<UserCard | undefined> {
      const { users } = await identity.call<{ users: UserCard[] }>({
        method: 'GET',
        route: '/users',
        query: { usernames: [username] },
      });
      return users.find((card) => card.username === username);
    },
  };
}

export type IdentityClient = ReturnType<typeof identityClient>;
