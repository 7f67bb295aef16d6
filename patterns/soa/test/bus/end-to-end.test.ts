import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_SECRET, jsonClient, type Send } from './bus-support.js';
import { buildWholePattern } from './whole-pattern.js';

/**
 * The whole pattern in this process (registry, the three real services on one temporary SQLite file,
 * the bus), driven through the REST API only. The Conduit suites run the same set-up in
 * conduit-contract.test.ts; this one reads as the pattern's story.
 */
describe('end to end: registry, identity, publishing, engagement and the bus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soa-bus-e2e-'));
  let pattern: Awaited<ReturnType<typeof buildWholePattern>>;
  let bus: { send: Send };

  beforeAll(async () => {
    pattern = await buildWholePattern({
      databaseUrl: join(dir, 'enterprise.sqlite'),
      jwtSecret: JWT_SECRET,
      logger: createLogger('soa-e2e', 'silent'),
    });
    bus = { send: jsonClient(await pattern.app.listen({ port: 0, host: '127.0.0.1' })) };
  });
  afterAll(async () => {
    await pattern?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = async (username: string) => {
    const answer = await bus.send('POST', '/api/users', {
      body: { user: { username, email: `${username}@soa.test`, password: 'password123' } },
    });
    expect(answer.status).toBe(201);
    return answer.body.user.token as string;
  };

  it('when users register, publish, follow and favorite through the bus, then every answer composes the services', async () => {
    const ann = await register('ann');
    const bob = await register('bob');
    expect(
      (
        await bus.send('POST', '/api/users', {
          body: { user: { username: 'ann', email: 'other@soa.test', password: 'password123' } },
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await bus.send('POST', '/api/users/login', {
          body: { user: { email: 'ann@soa.test', password: 'password123' } },
        })
      ).body.user.username,
    ).toBe('ann');

    const published = await bus.send('POST', '/api/articles', {
      token: ann,
      body: {
        article: { title: 'Enterprise services', description: 'SOA', body: 'WSDL first', tagList: ['soa'] },
      },
      headers: { 'idempotency-key': 'publish-enterprise-services' },
    });
    expect(published.status).toBe(201);
    const { slug } = published.body.article;
    expect(published.body.article).toMatchObject({
      body: 'WSDL first',
      tagList: ['soa'],
      author: { username: 'ann' },
    });

    const followed = await bus.send('POST', '/api/profiles/ann/follow', { token: bob });
    expect(followed.body.profile).toEqual({ username: 'ann', bio: null, image: null, following: true });
    const favorited = await bus.send('POST', `/api/articles/${slug}/favorite`, { token: bob });
    expect(favorited.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });

    // The orchestrated read: publishing's page, following completed by identity for bob.
    const asBob = await bus.send('GET', '/api/articles?tag=soa', { token: bob });
    expect(asBob.body).toMatchObject({
      articlesCount: 1,
      articles: [{ slug, favorited: true, favoritesCount: 1, author: { username: 'ann', following: true } }],
    });
    const anonymous = await bus.send('GET', '/api/articles?tag=soa');
    expect(anonymous.body.articles[0]).toMatchObject({ favorited: false, author: { following: false } });

    const feed = await bus.send('GET', '/api/articles/feed', { token: bob });
    expect(feed.body).toMatchObject({ articlesCount: 1, articles: [{ slug, author: { following: true } }] });
    expect(feed.body.articles[0]).not.toHaveProperty('body');

    const commented = await bus.send('POST', `/api/articles/${slug}/comments`, {
      token: bob,
      body: { comment: { body: 'Loose coupling, shared data' } },
    });
    expect(commented.status).toBe(200);
    const comments = await bus.send('GET', `/api/articles/${slug}/comments`, { token: ann });
    expect(comments.body.comments).toMatchObject([
      { body: 'Loose coupling, shared data', author: { username: 'bob', following: false } },
    ]);
    expect((await bus.send('GET', '/api/tags')).body.tags).toContain('soa');
    expect((await bus.send('GET', '/api/articles/no-such-article')).status).toBe(404);
  });
});
