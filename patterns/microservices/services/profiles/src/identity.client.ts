import type { Downstream } from '@journey/microservices-service-client';

/** The part of identity's API this service reads, declared by the consumer: public user data. */
export interface UserCard {
  id: number;
  username: string;
  bio: string | null;
  image: string | null;
}

export function identityClient(identity: Downstream) {
  const cards = async (query: { ids?: number[]; usernames?: string[] }) =>
    (await identity.call<{ users: UserCard[] }>({ method: 'GET', route: '/users', query })).users;
  return {
    byIds: (ids: number[]) => (ids.length === 0 ? Promise.resolve([]) : cards({ ids })),
    async byUsername(username: string): Promise<UserCard | undefined> {
      return (await cards({ usernames: [username] })).find((card) => card.username === username);
    },
  };
}

export type IdentityClient = ReturnType<typeof identityClient>;
