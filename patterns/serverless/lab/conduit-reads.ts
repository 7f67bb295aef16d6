import type { BurstCall } from './burst.js';

/**
 * The reads a burst mixes, each answered 2xx on a fresh database once one user exists: the article
 * list, the tags, the signed-in user, their profile and their (empty) feed — five functions. Reads
 * only, so a refused call can never have lost a write.
 */
export function readsOf(reader: Reader): BurstCall[] {
  return [
    { function: 'articles', path: '/api/articles' },
    { function: 'tags', path: '/api/tags' },
    { function: 'users', path: '/api/user', token: reader.token },
    { function: 'profiles', path: `/api/profiles/${reader.username}` },
    { function: 'feed', path: '/api/articles/feed', token: reader.token },
  ];
}

/** Reads that need no user, so a burst on them touches only the functions it names. */
export const ANONYMOUS_READS: readonly BurstCall[] = [
  { function: 'articles', path: '/api/articles' },
  { function: 'tags', path: '/api/tags' },
];

export interface Reader {
  username: string;
  token: string;
}

/** Registers the one user the signed-in reads use (one call to the users function, before any burst). */
export async function registerReader(baseUrl: string): Promise<Reader> {
  const username = `reader${Date.now().toString(36)}`;
  const response = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      user: { username, email: `${username}@lab.example`, password: 'cold-start-reader' },
    }),
  });
  if (response.status !== 201) {
    throw new Error(`registering the reader answered ${response.status}: ${await response.text()}`);
  }
  const { user } = (await response.json()) as { user: { token: string } };
  return { username, token: user.token };
}
