import { VIEWER_HEADER } from '@journey/microservices-service-kit';
import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArticles } from '../services/articles/src/app.js';
import { buildComments } from '../services/comments/src/app.js';
import { buildIdentity } from '../services/identity/src/app.js';

/**
 * Each service's own rules, through its internal HTTP API on an in-memory SQLite database: no gateway,
 * no other service running. A forwarded viewer is just the header the gateway would set.
 */
const logger = createLogger('service-rules-test', 'silent');
const as = (viewerId: number) => ({ [VIEWER_HEADER]: String(viewerId) });
// Nothing listens here: a downstream that is down.
const NOWHERE = 'http://127.0.0.1:9';

describe('identity service', () => {
  let identity: Awaited<ReturnType<typeof buildIdentity>>;
  beforeAll(async () => {
    identity = await buildIdentity({
      databaseUrl: ':memory:',
      jwtSecret: 'a-test-secret-long-enough',
      logger,
    });
  });
  afterAll(() => identity.close());

  const register = (username: string, email: string) =>
    identity.app.inject({
      method: 'POST',
      url: '/accounts',
      payload: { user: { username, email, password: 'password-123' } },
    });

  it('when a username is taken in another case, then the registration is a 422 on username', async () => {
    expect((await register('Jake', 'jake@example.com')).statusCode).toBe(201);
    const again = await register('jake', 'other@example.com');
    expect(again.statusCode).toBe(422);
    expect(again.json()).toEqual({ errors: { username: ['has already been taken'] } });
  });

  it('when users are asked for by usernames, then one call answers for all that exist', async () => {
    await register('Anna', 'anna@example.com');
    const reply = await identity.app.inject({ method: 'GET', url: '/users?usernames=Jake,Anna,nobody' });
    expect(
      reply
        .json()
        .users.map((u: { username: string }) => u.username)
        .sort(),
    ).toEqual(['Anna', 'Jake']);
  });

  it('when the current account is asked for without a forwarded viewer, then it is a 401', async () => {
    expect((await identity.app.inject({ method: 'GET', url: '/accounts/me' })).statusCode).toBe(401);
  });
});

describe('articles service', () => {
  let articles: Awaited<ReturnType<typeof buildArticles>>;
  let slug: string;
  beforeAll(async () => {
    articles = await buildArticles({ databaseUrl: ':memory:', commentsUrl: NOWHERE, logger });
    const created = await articles.app.inject({
      method: 'POST',
      url: '/articles',
      headers: as(1),
      payload: { article: { title: 'Rules', description: 'd', body: 'b', tagList: ['x'] } },
    });
    slug = created.json().article.slug;
  });
  afterAll(() => articles.close());

  const favorite = (method: 'PUT' | 'DELETE', viewerId: number) =>
    articles.app.inject({ method, url: `/articles/${slug}/favorites/me`, headers: as(viewerId) });

  it('when a user favorites twice and another once, then the count is 2, and 1 after one unfavorites', async () => {
    await favorite('PUT', 2);
    await favorite('PUT', 2);
    expect((await favorite('PUT', 3)).json().article).toMatchObject({ favorited: true, favoritesCount: 2 });
    await favorite('DELETE', 2);
    expect((await favorite('DELETE', 2)).json().article).toMatchObject({
      favorited: false,
      favoritesCount: 1,
    });
  });

  it('when someone else deletes the article, then it is a 403 and the article stays', async () => {
    const reply = await articles.app.inject({ method: 'DELETE', url: `/articles/${slug}`, headers: as(2) });
    expect(reply.statusCode).toBe(403);
    expect((await articles.app.inject({ method: 'GET', url: `/articles/${slug}` })).statusCode).toBe(200);
  });

  it('when the author deletes it while comments is down, then it is a 503 naming comments and the article stays', async () => {
    const reply = await articles.app.inject({ method: 'DELETE', url: `/articles/${slug}`, headers: as(1) });
    expect(reply.statusCode).toBe(503);
    expect(reply.json()).toEqual({ errors: { comments: ['service unavailable'] } });
    expect((await articles.app.inject({ method: 'GET', url: `/articles/${slug}` })).statusCode).toBe(200);
  });

  it('when a page starts past the end, then it is empty and still counts every article', async () => {
    const past = await articles.app.inject({ method: 'GET', url: '/articles?offset=50' });
    expect(past.json()).toEqual({ articles: [], articlesCount: 1 });
  });

  it('when a list is filtered by author ids, then only their articles are counted', async () => {
    const mine = await articles.app.inject({ method: 'GET', url: '/articles?authorIds=1' });
    const none = await articles.app.inject({ method: 'GET', url: '/articles?authorIds=7,8' });
    expect([mine.json().articlesCount, none.json().articlesCount]).toEqual([1, 0]);
  });
});

describe('comments service', () => {
  let comments: Awaited<ReturnType<typeof buildComments>>;
  let id: number;
  beforeAll(async () => {
    comments = await buildComments({ databaseUrl: ':memory:', logger });
    const created = await comments.app.inject({
      method: 'POST',
      url: '/articles/5/comments',
      headers: as(1),
      payload: { comment: { body: 'first' } },
    });
    id = created.json().comment.id;
  });
  afterAll(() => comments.close());

  it('when someone else deletes a comment, then it is a 403; on another article, a 404', async () => {
    const foreign = await comments.app.inject({
      method: 'DELETE',
      url: `/articles/5/comments/${id}`,
      headers: as(2),
    });
    const elsewhere = await comments.app.inject({
      method: 'DELETE',
      url: `/articles/6/comments/${id}`,
      headers: as(1),
    });
    expect([foreign.statusCode, elsewhere.statusCode]).toEqual([403, 404]);
  });

  it("when an article's comments are all removed, then its list is empty", async () => {
    await comments.app.inject({ method: 'DELETE', url: '/articles/5/comments' });
    expect((await comments.app.inject({ method: 'GET', url: '/articles/5/comments' })).json()).toEqual({
      comments: [],
    });
  });
});
