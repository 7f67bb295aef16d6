import { loadTopology, type RunningTopology, startTopology } from '@journey/orchestrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON reply, read field by field by the assertions
  body: any;
}

/**
 * pattern: partial failure. One service down takes down only the endpoints that need it; they
 * answer 503 in the RealWorld shape at once instead of hanging, and the gateway's breaker opens.
 */
describe('microservices with the comments service stopped', () => {
  let running: RunningTopology;
  let token = '';
  let slug: string;

  const call = async (method: string, path: string, json?: unknown): Promise<Reply> => {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        ...(token && { authorization: `Token ${token}` }),
        ...(json !== undefined && { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
      // Not a timing assertion: a hang fails the test with a clear error instead of stalling the run.
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  };

  // Five processes start one after another, each compiled by tsx: minutes on a busy 2-core machine.
  beforeAll(async () => {
    running = await startTopology(await loadTopology('microservices'), {
      db: 'sqlite',
      fresh: true,
      log: () => {},
    });
    const user = {
      username: `down${Date.now()}`,
      email: `down${Date.now()}@example.com`,
      password: 'password-123',
    };
    // The set-up's answers are checked whole, so a refused step says what the gateway answered.
    const registered = await call('POST', '/api/users', { user });
    expect(registered).toMatchObject({ status: 201 });
    token = registered.body.user.token;
    const article = { title: 'Outage', description: 'd', body: 'b', tagList: ['outage'] };
    const published = await call('POST', '/api/articles', { article });
    expect(published).toMatchObject({ status: 201 });
    slug = published.body.article.slug;
    expect(
      (await call('POST', `/api/articles/${slug}/comments`, { comment: { body: 'before' } })).status,
    ).toBe(200);
    await running.kill('comments');
  }, 300_000);
  afterAll(() => running?.stop());

  it('when comments are read or written, then the gateway answers 503 naming the comments service', async () => {
    const unavailable = { errors: { comments: ['service unavailable'] } };
    const read = await call('GET', `/api/articles/${slug}/comments`);
    expect(read).toEqual({ status: 503, body: unavailable });
    const write = await call('POST', `/api/articles/${slug}/comments`, { comment: { body: 'during' } });
    expect(write).toEqual({ status: 503, body: unavailable });
  });

  it('when articles, favorites and profiles are used, then they keep working', async () => {
    expect((await call('GET', `/api/articles/${slug}`)).status).toBe(200);
    expect((await call('GET', '/api/articles?tag=outage')).body.articlesCount).toBe(1);
    expect((await call('POST', `/api/articles/${slug}/favorite`)).body.article.favoritesCount).toBe(1);
    expect((await call('GET', '/api/user')).status).toBe(200);
  });

  it('when the article is deleted, then the delete is refused with 503 and the article stays', async () => {
    const removal = await call('DELETE', `/api/articles/${slug}`);
    expect(removal).toEqual({ status: 503, body: { errors: { comments: ['service unavailable'] } } });
    expect((await call('GET', `/api/articles/${slug}`)).status).toBe(200);
  });

  it('when calls keep failing, then the breaker for comments opens and the others stay closed', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await call('GET', `/api/articles/${slug}/comments`)).status).toBe(503);
    }
    const health = await call('GET', '/health');
    expect(health.body.breakers).toEqual({
      identity: 'closed',
      profiles: 'closed',
      articles: 'closed',
      comments: 'open',
    });
  });
});
