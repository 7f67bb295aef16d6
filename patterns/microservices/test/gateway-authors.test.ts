import type { UserCard } from '@journey/microservices-identity/api';
import { describe, expect, it } from 'vitest';
import { authorsOf } from '../gateway/src/authors.js';
import type { Clients } from '../gateway/src/clients/index.js';
import { articlesHandlers } from '../gateway/src/handlers/articles.handlers.js';
import { commentsHandlers } from '../gateway/src/handlers/comments.handlers.js';

const card = (id: number): UserCard => ({ id, username: `user${id}`, bio: null, image: null });

/** The two owners of a profile as fakes that record what they were asked. */
function fakeOwners(following: number[]) {
  const asked = { identity: [] as number[][], profiles: [] as number[][] };
  const clients = {
    identity: {
      async byIds(ids: readonly number[]) {
        asked.identity.push([...ids]);
        return new Map(ids.map((id) => [id, card(id)]));
      },
    },
    profiles: {
      async followedAmong(_viewerId: number, ids: readonly number[]) {
        asked.profiles.push([...ids]);
        return new Set(ids.filter((id) => following.includes(id)));
      },
    },
  } as unknown as Clients;
  return { clients, asked };
}

describe("a page's authors, composed by the gateway", () => {
  it('when the viewer is anonymous, then only identity is asked and nobody is followed', async () => {
    const { clients, asked } = fakeOwners([2]);
    const authors = await authorsOf(clients, null, [1, 2, 1]);
    expect(asked).toEqual({ identity: [[1, 2]], profiles: [] });
    expect([...authors.values()].map((a) => a.following)).toEqual([false, false]);
  });

  it('when someone is signed in, then identity and profiles are each asked once for the distinct ids', async () => {
    const { clients, asked } = fakeOwners([2]);
    const authors = await authorsOf(clients, 9, [1, 2, 2, 3]);
    expect(asked).toEqual({ identity: [[1, 2, 3]], profiles: [[1, 2, 3]] });
    expect(authors.get(2)).toEqual({ username: 'user2', bio: null, image: null, following: true });
    expect(authors.get(3)?.following).toBe(false);
  });

  it('when the followees are known already (the feed), then profiles is not asked again', async () => {
    const { clients, asked } = fakeOwners([]);
    const authors = await authorsOf(clients, 9, [4, 5], new Set([4, 5]));
    expect(asked.profiles).toEqual([]);
    expect([...authors.values()].every((a) => a.following)).toBe(true);
  });
});

describe('a write by the viewer, composed by the gateway', () => {
  /** Identity refusing every read (a 503 from its sidecar, say); the writing services record their writes. */
  function identityRefusing() {
    const written: string[] = [];
    const refusal = new Error('identity service unavailable: GET /users 503');
    const clients = {
      identity: {
        byIds: async () => {
          throw refusal;
        },
      },
      profiles: { followedAmong: async () => new Set<number>() },
      articles: {
        get: async () => ({ id: 7 }),
        create: async () => {
          written.push('article');
          return { authorId: 9 };
        },
      },
      comments: {
        add: async () => {
          written.push('comment');
          return { authorId: 9 };
        },
      },
    } as unknown as Clients;
    return { clients, written, refusal };
  }

  it('when the author cannot be read, then neither the comment nor the article is written, so no saved write is reported as failed', async () => {
    const { clients, written, refusal } = identityRefusing();
    const comment = { viewerId: 9, params: { slug: 'a-slug' }, body: { comment: { body: 'hello' } } };
    await expect(commentsHandlers(clients).CreateArticleComment(comment as never)).rejects.toBe(refusal);
    const article = { title: 'A title', description: 'about', body: 'text', tagList: [] };
    await expect(
      articlesHandlers(clients).CreateArticle({ viewerId: 9, body: { article } } as never),
    ).rejects.toBe(refusal);
    expect(written).toEqual([]);
  });
});
