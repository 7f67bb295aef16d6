import { loadTopology, type RunningTopology, startTopology } from '@journey/orchestrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conduitApi } from '../support/conduit-api.js';

/**
 * The gateway in the whole topology (embedded broker): a writer reads their own write at once, and
 * when the read side is down, writes are answered as written (marked pending) while reads fail fast (503).
 */
describe('event-driven gateway: read-your-writes and a read side that is down', () => {
  let running: RunningTopology;
  const { run, call, register } = conduitApi(() => running.url);

  let author: string;
  let slug: string;

  beforeAll(async () => {
    running = await startTopology(await loadTopology('event-driven'), {
      db: 'sqlite',
      fresh: true,
      log: () => {},
    });
    author = await register('author');
    await register('reader');
  }, 300_000);
  afterAll(() => running?.stop());

  it('when a user publishes, then the answer is the article as readers see it, and every read shows it at once', async () => {
    expect((await call('reader', 'POST', `/profiles/${author}/follow`)).body.profile.following).toBe(true);
    const published = await call('author', 'POST', '/articles', {
      article: { title: `Ready ${run}`, description: 'd', body: 'b', tagList: [`tag${run}`] },
    });
    expect(published.status).toBe(201);
    expect(published.body.article).toMatchObject({ favoritesCount: 0, author: { username: author } });
    expect(published.headers.get('x-journey-read-your-writes-ms')).toMatch(/^\d+$/);
    expect(published.headers.get('x-journey-consistency')).toBeNull();
    slug = published.body.article.slug;
    // No polling: the gateway answered only once every consumer had applied ArticlePublished.
    expect((await call(null, 'GET', `/articles?author=${author}`)).body.articlesCount).toBe(1);
    expect((await call(null, 'GET', '/tags')).body.tags).toContain(`tag${run}`);
    expect(
      (await call('reader', 'GET', '/articles/feed')).body.articles.map((a: { slug: string }) => a.slug),
    ).toEqual([slug]);
  });

  it('when views is down, then commands answer what they wrote, marked pending for views, and reads fail fast with 503', async () => {
    await running.kill('views');
    const favorited = await call('reader', 'POST', `/articles/${slug}/favorite`);
    expect(favorited.status).toBe(200);
    expect(favorited.headers.get('x-journey-consistency')).toBe('pending');
    expect(favorited.headers.get('x-journey-pending-consumers')).toBe('views');
    expect(favorited.body.article).toMatchObject({ slug, favorited: true, favoritesCount: 1 });
    const commented = await call('reader', 'POST', `/articles/${slug}/comments`, {
      comment: { body: 'while down' },
    });
    expect(commented.status).toBe(200);
    expect(commented.body.comment).toMatchObject({ body: 'while down' });
    expect(commented.headers.get('x-journey-consistency')).toBe('pending');

    expect(await call('reader', 'GET', `/articles/${slug}`)).toMatchObject({
      status: 503,
      body: { errors: { views: ['service unavailable'] } },
    });
    expect((await call('reader', 'GET', `/profiles/${author}`)).body.profile.following).toBe(true);
    expect((await call('reader', 'GET', '/user')).status).toBe(200);
  });

  it('when views is back, then it catches up from its consumer group and nothing accepted is lost', async () => {
    await running.restart('views');
    await expect
      .poll(async () => (await call('reader', 'GET', `/articles/${slug}`)).body.article, { timeout: 60_000 })
      .toMatchObject({ favorited: true, favoritesCount: 1 });
    await expect
      .poll(async () => (await call(null, 'GET', `/articles/${slug}/comments`)).body.comments, {
        timeout: 60_000,
      })
      .toEqual([expect.objectContaining({ body: 'while down' })]);
  });

  it('when the service that owns a change is down, then that command fails fast with 503 and reads keep working', async () => {
    await running.kill('comments');
    expect(
      await call('reader', 'POST', `/articles/${slug}/comments`, { comment: { body: 'lost?' } }),
    ).toMatchObject({
      status: 503,
      body: { errors: { comments: ['service unavailable'] } },
    });
    const comments = await call(null, 'GET', `/articles/${slug}/comments`);
    expect(comments.status).toBe(200);
    expect(comments.body.comments).toHaveLength(1);
  });
});
