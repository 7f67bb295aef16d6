import { expect } from 'vitest';

interface ConduitAnswer {
  user: { token: string };
  article: { slug: string };
}

/** The few Conduit calls the event tests make: register, follow, publish, each checked for its status. */
export function conduitClient(baseUrl: () => string) {
  async function call(method: string, path: string, body?: unknown, token?: string) {
    const response = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as ConduitAnswer };
  }
  return {
    async register(username: string): Promise<string> {
      const { status, body } = await call('POST', '/users', {
        user: { username, email: `${username}@example.com`, password: 'password123' },
      });
      expect(status).toBe(201);
      return body.user.token;
    },
    async follow(token: string, username: string): Promise<void> {
      expect((await call('POST', `/profiles/${username}/follow`, undefined, token)).status).toBe(200);
    },
    /** Publishes an article; resolves with its slug once it is answered as saved. */
    async publish(token: string, title: string): Promise<string> {
      const { status, body } = await call(
        'POST',
        '/articles',
        { article: { title, description: 'd', body: 'b' } },
        token,
      );
      expect(status).toBe(201);
      return body.article.slug;
    },
  };
}

/** Looks again until `done`, at most `looks` times: a bound, not a timed assertion. */
export async function eventually<T>(
  look: () => Promise<T>,
  done: (value: T) => boolean,
  looks = 400,
): Promise<T> {
  for (let look_ = 0; look_ < looks; look_ += 1) {
    const value = await look();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return look();
}
