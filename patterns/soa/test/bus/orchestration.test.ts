import type { IdentityV1, PublishingV1 } from '@journey/soa-contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type StartedRegistry, startRegistry } from '../registry/registry-support.js';
import {
  article,
  comment,
  type FakeService,
  type StartedBus,
  startBus,
  startRegisteredService,
  tokenOf,
} from './bus-support.js';

/** An article or comment of a JSON answer. */
interface JsonItem {
  id?: number;
  slug?: string;
  author: { username: string; following: boolean };
}

/**
 * The composed read: publishing answers authors with following=false, and the bus completes it for a
 * signed-in viewer with one identity.GetProfile per distinct author, on the viewer's behalf.
 */
describe('orchestration: following completed by identity', () => {
  let registry: StartedRegistry;
  let identity: FakeService;
  let publishing: FakeService;
  let bus: StartedBus;
  // The viewer (id 5) follows bob only.
  const followedBy5 = new Set(['bob']);

  beforeAll(async () => {
    registry = await startRegistry();
    identity = await startRegisteredService(registry.url, 'identity', 1, {
      GetProfile: (input: IdentityV1['GetProfile']['request'], context) => {
        const viewer = (context.headers.CallContext as { viewerId?: number } | undefined)?.viewerId;
        return {
          profile: { username: input.username, following: viewer === 5 && followedBy5.has(input.username) },
        };
      },
    });
    publishing = await startRegisteredService(registry.url, 'publishing', 1, {
      ListArticles: (): PublishingV1['ListArticles']['response'] => ({
        article: [article('a1', 'ann'), article('b1', 'bob'), article('a2', 'ann')].map((a) => ({
          ...a,
          body: undefined,
        })),
        page: { limit: 20, offset: 0, total: 3 },
      }),
      GetArticle: (input: { slug: string }) => ({ article: article(input.slug, 'bob') }),
      ListComments: () => ({ comment: [comment(1, 'bob'), comment(2, 'cid'), comment(3, 'bob')] }),
    });
    bus = await startBus(registry.url);
  });
  afterAll(async () => {
    await bus.close();
    await publishing.close();
    await identity.close();
    await registry.close();
  });
  beforeEach(() => {
    identity.calls.length = 0;
    publishing.calls.length = 0;
  });

  it('when a signed-in viewer lists articles, then each distinct author is asked once and following is filled in', async () => {
    const answer = await bus.send('GET', '/api/articles', { token: await tokenOf(5) });
    expect(answer.status).toBe(200);
    expect(
      answer.body.articles.map((a: JsonItem) => [a.slug, a.author.username, a.author.following]),
    ).toEqual([
      ['a1', 'ann', false],
      ['b1', 'bob', true],
      ['a2', 'ann', false],
    ]);
    expect(identity.calls.map((call) => call.input.username).sort()).toEqual(['ann', 'bob']);
    expect(identity.calls.every((call) => call.callContext?.viewerId === 5)).toBe(true);
    // The listing itself is asked on the viewer's behalf too (favorited is the viewer's).
    expect(publishing.calls[0]?.callContext).toEqual({ viewerId: 5 });
  });

  it('when an anonymous client lists articles, then identity is not called and nobody is followed', async () => {
    const answer = await bus.send('GET', '/api/articles');
    expect(answer.body.articles.every((a: JsonItem) => a.author.following === false)).toBe(true);
    expect(identity.calls).toHaveLength(0);
    expect(publishing.calls[0]?.callContext).toBeUndefined();
  });

  it('when a signed-in viewer reads one article, then its author is completed', async () => {
    const answer = await bus.send('GET', '/api/articles/b1', { token: await tokenOf(5) });
    expect(answer.body.article).toMatchObject({
      slug: 'b1',
      body: 'a body',
      author: { username: 'bob', following: true },
    });
    expect(identity.calls).toHaveLength(1);
  });

  it('when a signed-in viewer reads comments, then the distinct comment authors are completed', async () => {
    const answer = await bus.send('GET', '/api/articles/b1/comments', { token: await tokenOf(5) });
    expect(answer.body.comments.map((c: JsonItem) => [c.id, c.author.following])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(identity.calls.map((call) => call.input.username).sort()).toEqual(['bob', 'cid']);
  });

  it('when a comment id in the URL is not a number, then 404 without calling publishing', async () => {
    const answer = await bus.send('DELETE', '/api/articles/b1/comments/abc', { token: await tokenOf(5) });
    expect(answer).toEqual({ status: 404, body: { errors: { comment: ['not found'] } } });
    expect(publishing.calls).toHaveLength(0);
  });
});
