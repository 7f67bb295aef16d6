import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consumerApi } from '@journey/event-driven-service-kit';
import { freePort } from '@journey/orchestrator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conduitApi } from '../support/conduit-api.js';
import { type ServicesInProcess, startServicesInProcess } from './services-in-process.js';

const ISO_TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
const POLL = { timeout: 60_000, interval: 200 };

/** The whole RealWorld article, nothing more (no owner's id leaks through): what every answer must be. */
const wholeArticle = (fields: {
  title: string;
  author: string;
  favorited: boolean;
  favoritesCount: number;
}) => ({
  article: {
    slug: expect.any(String),
    title: fields.title,
    description: 'd',
    body: 'b',
    tagList: ['committed'],
    createdAt: ISO_TIME,
    updatedAt: ISO_TIME,
    favorited: fields.favorited,
    favoritesCount: fields.favoritesCount,
    author: { username: fields.author, bio: null, image: null, following: false },
  },
});

const draft = (title: string) => ({
  article: { title, description: 'd', body: 'b', tagList: ['committed'] },
});

/**
 * A views that says it applied every event but answers every read with `readStatus`: 503, it died
 * between the two; 404, it does not show the change yet.
 */
async function viewsThatAppliedButAnswer(readStatus: 503 | 404): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const applied = request.url?.startsWith(consumerApi.applied.path);
    response
      .writeHead(applied ? 200 : readStatus, { 'content-type': 'application/json' })
      .end(JSON.stringify(applied ? { applied: true } : { errors: { views: ['cannot show it'] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Issue 12, findings 1 and 2: once the service that owns a change has committed it, the gateway's
 * answer is the contract's 201 or 200 with the resource as written — read from views when views has
 * caught up, built from the owner's answer when it has not — and `x-journey-consistency: pending`
 * says which. Never a 503 or a 202 a client would retry or could not use. The writers and views run
 * in-process on one embedded log.
 */
describe('event-driven gateway: a committed write is answered as written', () => {
  let services: ServicesInProcess;
  beforeAll(async () => {
    services = await startServicesInProcess();
  });
  afterAll(() => services?.stop());

  /**
   * Registers `<role>Author` and `<role>Reader` through `api` (the names `api.call` knows them by), and
   * waits until profiles knows both. The role keeps each block's users apart: one run, one suffix.
   */
  async function authorAndReader(api: ReturnType<typeof conduitApi>, role: string) {
    const author = await api.register(`${role}Author`);
    const reader = await api.register(`${role}Reader`);
    for (const username of [author, reader])
      await vi.waitFor(async () => {
        expect((await api.call(null, 'GET', `/profiles/${username}`)).status).toBe(200);
      }, POLL);
    return { author, reader };
  }

  describe('when views lags behind the wait (the gateway waits for nothing)', () => {
    let gatewayUrl: string;
    const api = conduitApi(() => gatewayUrl);
    let author: string;
    let reader: string;
    let published: Awaited<ReturnType<typeof api.call>>;

    beforeAll(async () => {
      gatewayUrl = await services.gateway({ readYourWritesWaitMs: 0 });
      ({ author, reader } = await authorAndReader(api, 'lag'));
    });

    it('then a registration answers the user identity created, marked pending', async () => {
      const username = `late${api.run}`;
      const registered = await api.call(null, 'POST', '/users', {
        user: { username, email: `${username}@example.com`, password: 'password-123' },
      });
      expect(registered.status).toBe(201);
      expect(registered.body.user).toMatchObject({
        username,
        bio: null,
        image: null,
        token: expect.any(String),
      });
      expect(registered.headers.get('x-journey-consistency')).toBe('pending');
    });

    it('then publishing answers 201 with the article as articles committed it, and views later shows that same article, once', async () => {
      published = await api.call('lagAuthor', 'POST', '/articles', draft(`Lagging ${api.run}`));
      expect(published.status).toBe(201);
      expect(published.body).toEqual(
        wholeArticle({ title: `Lagging ${api.run}`, author, favorited: false, favoritesCount: 0 }),
      );
      expect(published.headers.get('x-journey-consistency')).toBe('pending');
      expect(published.headers.get('x-journey-pending-consumers')?.split(',')).toContain('views');

      const { slug } = published.body.article;
      await expect
        .poll(async () => (await api.call('lagAuthor', 'GET', `/articles/${slug}`)).status, POLL)
        .toBe(200);
      expect((await api.call('lagAuthor', 'GET', `/articles/${slug}`)).body).toEqual(published.body);
      expect((await api.call(null, 'GET', `/articles?author=${author}`)).body.articlesCount).toBe(1);
    });

    it('then favoriting answers the article with the favorite and the count as articles knows them', async () => {
      const { slug } = published.body.article;
      const favorited = await api.call('lagReader', 'POST', `/articles/${slug}/favorite`);
      expect(favorited.status).toBe(200);
      expect(favorited.body).toEqual(
        wholeArticle({ title: `Lagging ${api.run}`, author, favorited: true, favoritesCount: 1 }),
      );
      expect(favorited.headers.get('x-journey-consistency')).toBe('pending');
      await expect
        .poll(async () => (await api.call('lagReader', 'GET', `/articles/${slug}`)).body, POLL)
        .toEqual(favorited.body);

      const unfavorited = await api.call('lagReader', 'DELETE', `/articles/${slug}/favorite`);
      expect(unfavorited.body.article).toMatchObject({ favorited: false, favoritesCount: 0 });
    });

    it('then commenting answers the contract’s 200 with the comment as comments committed it, which views later shows once', async () => {
      const { slug } = published.body.article;
      // Comments learns of the article from its event too: until it has, the comment is refused (404,
      // nothing written), so asking again is safe.
      const commented = await vi.waitFor(async () => {
        const answer = await api.call('lagReader', 'POST', `/articles/${slug}/comments`, {
          comment: { body: 'first!' },
        });
        expect(answer.status).not.toBe(404);
        return answer;
      }, POLL);
      expect(commented.status).toBe(200);
      expect(commented.body).toEqual({
        comment: {
          id: expect.any(Number),
          body: 'first!',
          createdAt: ISO_TIME,
          updatedAt: ISO_TIME,
          author: { username: reader, bio: null, image: null, following: false },
        },
      });
      expect(commented.headers.get('x-journey-consistency')).toBe('pending');
      await expect
        .poll(async () => (await api.call(null, 'GET', `/articles/${slug}/comments`)).body.comments, POLL)
        .toEqual([commented.body.comment]);
    });

    it('then, with profiles unreachable too, a writer who has just registered still gets their article whole (their profile from identity)', async () => {
      const withoutProfiles = await services.gateway({
        readYourWritesWaitMs: 0,
        urls: { profiles: `http://127.0.0.1:${await freePort()}` },
      });
      const alone = conduitApi(() => withoutProfiles);
      const newcomer = await alone.register('newcomer');
      const published = await alone.call('newcomer', 'POST', '/articles', draft(`Alone ${alone.run}`));
      expect(published.status).toBe(201);
      expect(published.body).toEqual(
        wholeArticle({ title: `Alone ${alone.run}`, author: newcomer, favorited: false, favoritesCount: 0 }),
      );
    });

    it('then following answers the profile as profiles committed it, marked pending while the feed lags', async () => {
      const followed = await api.call('lagReader', 'POST', `/profiles/${author}/follow`);
      expect(followed.status).toBe(200);
      expect(followed.body).toEqual({
        profile: { username: author, bio: null, image: null, following: true },
      });
      expect(followed.headers.get('x-journey-consistency')).toBe('pending');
    });
  });

  describe.for([
    { readStatus: 503, role: 'dying', when: 'dies before showing it (it was a 503 the client would retry)' },
    { readStatus: 404, role: 'unaware', when: 'answers 404 for it (it does not show it yet)' },
  ] as const)('when views says it applied the change but $when', ({ readStatus, role }) => {
    let gatewayUrl: string;
    let standIn: Server;
    const api = conduitApi(() => gatewayUrl);

    beforeAll(async () => {
      const views = await viewsThatAppliedButAnswer(readStatus);
      standIn = views.server;
      gatewayUrl = await services.gateway({ urls: { views: views.url } });
      await authorAndReader(api, role);
    });
    afterAll(() => new Promise<void>((resolve) => standIn?.close(() => resolve())));

    it('then the answer is still the article as written, marked pending for views', async () => {
      const title = `${role} ${api.run}`;
      const published = await api.call(`${role}Author`, 'POST', '/articles', draft(title));
      expect(published.status).toBe(201);
      expect(published.body).toEqual(
        wholeArticle({ title, author: `${role}Author${api.run}`, favorited: false, favoritesCount: 0 }),
      );
      expect(published.headers.get('x-journey-consistency')).toBe('pending');
      expect(published.headers.get('x-journey-pending-consumers')).toBe('views');

      const { slug } = published.body.article;
      const favorited = await api.call(`${role}Reader`, 'POST', `/articles/${slug}/favorite`);
      expect(favorited.status).toBe(200);
      expect(favorited.body.article).toMatchObject({ slug, favorited: true, favoritesCount: 1 });
    });
  });

  describe('when views is down, and then back', () => {
    let gatewayUrl: string;
    const api = conduitApi(() => gatewayUrl);
    let author: string;

    beforeAll(async () => {
      gatewayUrl = await services.gateway();
      ({ author } = await authorAndReader(api, 'down'));
    });

    it('then writes answer 201 or 200 with what was written, marked pending, reads of articles fail fast, and once views is back everything shows exactly once', async () => {
      await services.stopViews();
      const published = await api.call('downAuthor', 'POST', '/articles', draft(`Down ${api.run}`));
      expect(published.status).toBe(201);
      expect(published.body).toEqual(
        wholeArticle({ title: `Down ${api.run}`, author, favorited: false, favoritesCount: 0 }),
      );
      expect(published.headers.get('x-journey-consistency')).toBe('pending');
      expect(published.headers.get('x-journey-pending-consumers')?.split(',')).toContain('views');
      const { slug } = published.body.article;

      const favorited = await api.call('downReader', 'POST', `/articles/${slug}/favorite`);
      expect(favorited.status).toBe(200);
      expect(favorited.body.article).toMatchObject({ slug, favorited: true, favoritesCount: 1 });
      const commented = await api.call('downReader', 'POST', `/articles/${slug}/comments`, {
        comment: { body: 'while down' },
      });
      expect(commented.status).toBe(200);
      expect(commented.body.comment).toMatchObject({
        body: 'while down',
        author: { username: `downReader${api.run}` },
      });
      expect(await api.call('downReader', 'GET', `/articles/${slug}`)).toMatchObject({
        status: 503,
        body: { errors: { views: ['service unavailable'] } },
      });

      await services.startViews();
      await expect
        .poll(async () => (await api.call('downReader', 'GET', `/articles/${slug}`)).body, POLL)
        .toEqual(favorited.body);
      const byAuthor = await api.call(null, 'GET', `/articles?author=${author}`);
      expect(byAuthor.body.articles.map((article: { slug: string }) => article.slug)).toEqual([slug]);
      await expect
        .poll(async () => (await api.call(null, 'GET', `/articles/${slug}/comments`)).body.comments, POLL)
        .toEqual([commented.body.comment]);
    });
  });
});
