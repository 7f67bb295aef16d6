import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '../gateway/src/app.js';
import { DEFAULT_GATEWAY_BUDGETS } from '../gateway/src/budgets.js';
import { buildArticles } from '../services/articles/src/app.js';
import { buildComments } from '../services/comments/src/app.js';
import { buildIdentity } from '../services/identity/src/app.js';
import { buildProfiles } from '../services/profiles/src/app.js';

/**
 * The exercise's verdict: `GET /api/profiles/:username/summary` composed by the gateway from two
 * services that own their data, profiles (essential) and articles (optional: the count), and answering
 * without the optional part when articles is down, hung, or an older release without the count. Every
 * process is built in-process on SQLite files of its own, each listening on a port of its own, so every
 * call still crosses HTTP.
 */

const logger = createLogger('exercise', 'silent');
const jwtSecret = 'exercise-secret-exercise-secret-32';
const DEGRADED = 'x-journey-degraded';
const COUNT_ROUTE = 'GET /authors/:authorId/articles-count';

interface Closable {
  app: { listen(options: { port: number; host: string }): Promise<string> };
  close(): Promise<unknown>;
}
/** What each test started, stopped in reverse order when the file ends. */
const running: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const stop of running.reverse()) await stop();
});

async function listen(built: Closable): Promise<string> {
  running.push(() => built.close());
  return built.app.listen({ port: 0, host: '127.0.0.1' });
}

/** A stand-in for the articles service: `hang` never answers, `older` is a release without the count route. */
async function standIn(behaviour: 'hang' | 'older'): Promise<string> {
  const server: Server = createServer((request, response) => {
    request.resume();
    if (behaviour === 'hang') return;
    // What a service answers for a route it does not have, as an articles release from before the exercise would.
    const body = { errors: { route: [`${request.method} ${request.url} does not exist`] } };
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The URL of a port nothing listens on: a service that is down. */
async function nobody(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

interface Reply {
  status: number;
  degraded: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON reply, read field by field by the assertions
  body: any;
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; viewerId?: number; json?: unknown } = {},
): Promise<Reply> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.token && { authorization: `Token ${options.token}` }),
      ...(options.viewerId && { 'x-journey-viewer-id': String(options.viewerId) }),
      ...(options.json !== undefined && { 'content-type': 'application/json' }),
    },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    // Not a timing assertion: a hang fails with a clear error instead of stalling the check.
    signal: AbortSignal.timeout(20_000),
  }).catch((error: unknown) => {
    throw new Error(
      `${method} ${path} got no answer within 20 s (${(error as Error).message}): ` +
        'a call to a hung service must end within the gateway budget, so go through its articles client',
    );
  });
  const text = await response.text();
  return {
    status: response.status,
    degraded: response.headers.get(DEGRADED),
    body: text === '' ? undefined : JSON.parse(text),
  };
}

const summaryPath = (username: string) => `/api/profiles/${username}/summary`;

/**
 * The untouched gateway answers a path it has no route for with 404 and `errors.route` naming it; the
 * same shape naming another path is a service's answer the gateway relayed.
 */
function expectRoute(reply: Reply, what: string) {
  if (reply.status === 404 && String(reply.body?.errors?.route).includes('/summary does not exist'))
    expect.fail(`${what}: the gateway has no route GET /api/profiles/:username/summary yet`);
}

/** The summary, or a failure saying what the gateway answered instead. */
function expectSummary(reply: Reply, what: string) {
  expectRoute(reply, what);
  expect(reply.status, `${what}: answered ${JSON.stringify(reply.body)}`).toBe(200);
  expect(reply.body, `${what}: the body is { summary: { ... } }`).toHaveProperty('summary');
  return reply.body.summary;
}

describe('the articles service publishes how many articles an author has written', () => {
  let articles: string;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'journey-exercise-articles-'));
    running.push(async () => rmSync(folder, { recursive: true, force: true }));
    const comments = await listen(
      await buildComments({ databaseUrl: join(folder, 'comments.sqlite'), logger }),
    );
    articles = await listen(
      await buildArticles({ databaseUrl: join(folder, 'articles.sqlite'), commentsUrl: comments, logger }),
    );
    for (const [author, title] of [
      [7, 'One'],
      [7, 'Two'],
      [8, 'Three'],
    ] as const) {
      const article = { title, description: 'd', body: 'b', tagList: [] };
      expect(
        (await call(articles, 'POST', '/articles', { viewerId: author, json: { article } })).status,
      ).toBe(201);
    }
  });

  it(`when ${COUNT_ROUTE} is asked for each author, then it answers { articlesCount } from its own database`, async () => {
    const counts: Record<number, unknown> = {};
    for (const author of [7, 8, 9]) {
      const reply = await call(articles, 'GET', `/authors/${author}/articles-count`);
      expect(
        reply.status,
        `the articles service answered ${reply.status} ${JSON.stringify(reply.body)} to GET /authors/${author}/articles-count: ` +
          'publish the route in services/articles/src/api.ts (articlesApi.countByAuthor) and serve it in articles.routes.ts',
      ).toBe(200);
      counts[author] = reply.body;
    }
    expect(counts, 'author 7 wrote two articles, 8 one, 9 none (0, not an error)').toEqual({
      7: { articlesCount: 2 },
      8: { articlesCount: 1 },
      9: { articlesCount: 0 },
    });
  });
});

describe('GET /api/profiles/:username/summary through the gateway', () => {
  const urls = { identity: '', profiles: '', articles: '', comments: '' };
  let gateway: string;
  let articlesService: Closable;
  let token = '';
  /**
   * A shorter call budget for the gateways that meet a hung articles, so the check waits 3 s rather than
   * the default 10 s; long enough for the healthy profiles call beside it on a busy machine.
   */
  const shortBudget = {
    ...DEFAULT_GATEWAY_BUDGETS,
    call: { ...DEFAULT_GATEWAY_BUDGETS.call, timeoutMs: 3_000 },
  };

  /** Another gateway over the same services, with one of them replaced. */
  const gatewayWith = async (replaced: Partial<typeof urls>) =>
    listen(await buildGateway({ jwtSecret, logger, urls: { ...urls, ...replaced }, budgets: shortBudget }));

  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'journey-exercise-microservices-'));
    running.push(async () => rmSync(folder, { recursive: true, force: true }));
    const file = (name: string) => join(folder, `${name}.sqlite`);
    urls.identity = await listen(await buildIdentity({ databaseUrl: file('identity'), jwtSecret, logger }));
    urls.profiles = await listen(
      await buildProfiles({ databaseUrl: file('profiles'), identityUrl: urls.identity, logger }),
    );
    urls.comments = await listen(await buildComments({ databaseUrl: file('comments'), logger }));
    articlesService = await buildArticles({
      databaseUrl: file('articles'),
      commentsUrl: urls.comments,
      logger,
    });
    urls.articles = await listen(articlesService);
    gateway = await listen(await buildGateway({ jwtSecret, logger, urls }));

    // The set-up's answers are checked whole, so a refused step says what the gateway answered.
    const tokens: Record<string, string> = {};
    for (const name of ['alice', 'bob']) {
      const user = { username: name, email: `${name}@example.com`, password: 'password-123' };
      const registered = await call(gateway, 'POST', '/api/users', { json: { user } });
      expect(registered).toMatchObject({ status: 201 });
      tokens[name] = registered.body.user.token;
    }
    token = tokens.bob!;
    for (const title of ['First', 'Second', 'Third']) {
      const article = { title, description: 'd', body: 'b', tagList: [] };
      expect(
        await call(gateway, 'POST', '/api/articles', { token: tokens.alice!, json: { article } }),
      ).toMatchObject({ status: 201 });
    }
    expect(await call(gateway, 'POST', '/api/profiles/alice/follow', { token })).toMatchObject({
      status: 200,
    });
  });

  it('when every service is up, then the summary is the profile as the viewer sees it plus the article count', async () => {
    const profile = (await call(gateway, 'GET', '/api/profiles/alice', { token })).body.profile;
    const reply = await call(gateway, 'GET', summaryPath('alice'), { token });
    expect(expectSummary(reply, 'bob asking for alice')).toEqual({ ...profile, articlesCount: 3 });
    expect(reply.degraded, `nothing is missing, so no ${DEGRADED} header`).toBeNull();
  });

  it('when the caller is anonymous and the user wrote nothing, then following is false and the count is 0', async () => {
    const reply = await call(gateway, 'GET', summaryPath('bob'));
    expect(expectSummary(reply, 'anonymous asking for bob')).toEqual({
      ...(await call(gateway, 'GET', '/api/profiles/bob')).body.profile,
      following: false,
      articlesCount: 0,
    });
  });

  it('when the username is unknown, then the summary answers 404 as the profile does', async () => {
    const profile = await call(gateway, 'GET', '/api/profiles/nobody-here');
    const reply = await call(gateway, 'GET', summaryPath('nobody-here'));
    expectRoute(reply, 'an unknown username');
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: profile.status,
      body: profile.body,
    });
  });

  it('when profiles is down, then the summary answers 503 naming profiles: without the profile there is nothing to show', async () => {
    const reply = await call(await gatewayWith({ profiles: await nobody() }), 'GET', summaryPath('alice'), {
      token,
    });
    expectRoute(reply, 'alice with profiles down');
    expect({ status: reply.status, body: reply.body }).toEqual({
      status: 503,
      body: { errors: { profiles: ['service unavailable'] } },
    });
  });

  it(`when articles hangs, then the summary still answers 200 within the call budget, articlesCount null and ${DEGRADED}: articles`, async () => {
    const reply = await call(
      await gatewayWith({ articles: await standIn('hang') }),
      'GET',
      summaryPath('alice'),
      {
        token,
      },
    );
    expect(expectSummary(reply, 'alice with articles hung')).toMatchObject({
      username: 'alice',
      following: true,
      articlesCount: null,
    });
    expect(reply.degraded).toBe('articles');
  });

  it('when articles is an older release without the count route, then the summary degrades instead of failing: services are released independently', async () => {
    const reply = await call(
      await gatewayWith({ articles: await standIn('older') }),
      'GET',
      summaryPath('alice'),
      {
        token,
      },
    );
    expect(expectSummary(reply, 'alice with an older articles')).toMatchObject({
      username: 'alice',
      articlesCount: null,
    });
    expect(reply.degraded).toBe('articles');
  });

  it(`when the articles service stops, then the summary answers 200 with articlesCount null and ${DEGRADED}: articles`, async () => {
    await articlesService.close();
    const reply = await call(gateway, 'GET', summaryPath('alice'), { token });
    const summary = expectSummary(reply, 'alice with articles down');
    expect(summary, 'unknown is null, not 0: nobody knows how many').toEqual({
      ...(await call(gateway, 'GET', '/api/profiles/alice', { token })).body.profile,
      articlesCount: null,
    });
    expect(reply.degraded).toBe('articles');
  });
});
