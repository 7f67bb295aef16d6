import { type Account, Conduit, enc, type JsonReply, unique } from './conduit.js';
import { createHttpClient, excerpt } from './http.js';
import { settle } from './settle.js';

export interface ConcurrencyOptions {
  baseUrl: string;
  /** Users acting at once in the favorite and follow scenarios. */
  users?: number;
  /** Racing registrations per race (same username, then same email). */
  racers?: number;
  /** How long reads may lag behind writes before a count is judged. */
  settleMs?: number;
  timeoutMs?: number;
}

export interface ConcurrencyCheck {
  what: string;
  expected: number;
  observed: number;
  pass: boolean;
}

export interface ScenarioReport {
  name: string;
  pass: boolean;
  checks: ConcurrencyCheck[];
  /** Set when the scenario could not run to the end (setup failed, server down). */
  error?: string;
  /** Unexpected statuses seen along the way, e.g. `POST /articles/x/favorite → 500: {...}`. */
  notes: string[];
}

export interface ConcurrencyReport {
  pass: boolean;
  scenarios: ScenarioReport[];
}

/**
 * Real concurrent requests that find lost updates and check-then-insert races: simultaneous
 * favorites, racing registrations, many followers, articles and comments at once, and articles deleted
 * while others favorite and comment on them. Counts are read
 * back with `eventually`, so eventually consistent patterns get time to converge, never a sleep.
 */
export async function runConcurrency(options: ConcurrencyOptions): Promise<ConcurrencyReport> {
  const { baseUrl, users = 20, racers = 10, settleMs = 10_000, timeoutMs = 30_000 } = options;
  const http = createHttpClient(baseUrl, { connections: Math.max(64, users * 4 + racers * 2), timeoutMs });
  const api = new Conduit(http);
  const scenarios: ScenarioReport[] = [];
  try {
    const pool = await Promise.all(Array.from({ length: users }, () => api.register('racer')));
    scenarios.push(await scenario('favorites', (s) => favorites(api, pool, s, settleMs)));
    scenarios.push(await scenario('registration races', (s) => registrations(api, racers, s, settleMs)));
    scenarios.push(
      await scenario('follow, publish and comment', (s) => followPublishComment(api, pool, s, settleMs)),
    );
    scenarios.push(await scenario('delete while in use', (s) => deleteWhileInUse(api, pool, s, settleMs)));
  } catch (error) {
    scenarios.push({ name: 'setup', pass: false, checks: [], notes: [], error: String(error) });
  } finally {
    await http.close();
  }
  return { pass: scenarios.every((s) => s.pass), scenarios };
}

class Scenario {
  readonly checks: ConcurrencyCheck[] = [];
  readonly notes: string[] = [];

  check(what: string, expected: number, observed: number): void {
    this.checks.push({ what, expected, observed, pass: expected === observed });
  }

  /** Counts the replies with an accepted status, noting every other one. */
  count(label: string, replies: JsonReply[], accepted: (status: number) => boolean): number {
    let ok = 0;
    for (const reply of replies) {
      if (accepted(reply.status)) ok += 1;
      else if (this.notes.length < 20)
        this.notes.push(`${label} → ${reply.status || 'no answer'}: ${excerpt(reply.text, 200)}`);
    }
    return ok;
  }
}

async function scenario(name: string, run: (s: Scenario) => Promise<void>): Promise<ScenarioReport> {
  const s = new Scenario();
  try {
    await run(s);
  } catch (error) {
    return {
      name,
      pass: false,
      checks: s.checks,
      notes: s.notes,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  return {
    name,
    pass: s.checks.length > 0 && s.checks.every((c) => c.pass),
    checks: s.checks,
    notes: s.notes,
  };
}

const is2xx = (status: number) => status >= 200 && status < 300;

/** Waits for a count to reach `expected`, then records what was last seen. */
async function expectCount(
  s: Scenario,
  what: string,
  expected: number,
  read: () => Promise<number>,
  settleMs: number,
) {
  const settled = await settle(read, (n) => n === expected, { timeoutMs: settleMs });
  s.check(what, expected, settled.value);
}

// (a) N users favorite one article at once; then half unfavorite at once, some twice.
async function favorites(api: Conduit, pool: Account[], s: Scenario, settleMs: number) {
  const author = await api.register('favauthor');
  const slug = await api.createArticle(author.token, { title: `Favorite race ${unique()}` });
  const path = `/articles/${enc(slug)}/favorite`;
  const count = async () => {
    const reply = await api.expect(200, 'GET', `/articles/${enc(slug)}`);
    return reply.body.article.favoritesCount as number;
  };
  // A few users double-click: their second favorite must change nothing.
  const doubles = pool.slice(0, Math.min(3, pool.length));
  const favs = await Promise.all(
    [...pool, ...doubles].map((u) => api.call('POST', path, { token: u.token })),
  );
  s.check(
    'favorite requests answered 2xx',
    pool.length + doubles.length,
    s.count(`POST ${path}`, favs, is2xx),
  );
  await expectCount(s, 'favoritesCount after everyone favorited', pool.length, count, settleMs);
  await expectCount(
    s,
    'users who see favorited: true',
    pool.length,
    async () => {
      const seen = await Promise.all(
        pool.map((u) => api.call('GET', `/articles/${enc(slug)}`, { token: u.token })),
      );
      return seen.filter((r) => r.body?.article?.favorited === true).length;
    },
    settleMs,
  );

  const leavers = pool.slice(0, Math.floor(pool.length / 2));
  const twice = leavers.slice(0, Math.ceil(leavers.length / 2));
  const unfavs = await Promise.all(
    [...leavers, ...twice].map((u) => api.call('DELETE', path, { token: u.token })),
  );
  s.check(
    'unfavorite requests answered 2xx',
    leavers.length + twice.length,
    s.count(`DELETE ${path}`, unfavs, is2xx),
  );
  await expectCount(
    s,
    'favoritesCount after half unfavorited',
    pool.length - leavers.length,
    count,
    settleMs,
  );
}

// (b) Racing registrations: same username with different emails, then same email with different usernames.
async function registrations(api: Conduit, racers: number, s: Scenario, settleMs: number) {
  const base = `race${unique()}`;
  const sameUsername = Array.from({ length: racers }, (_, i) => ({
    username: base,
    email: `${base}-${i}@example.com`,
    password: `password-${i}-${unique()}`,
  }));
  const sameEmail = Array.from({ length: racers }, (_, i) => ({
    username: `${base}_${i}`,
    email: `${base}@example.org`,
    password: `password-${i}-${unique()}`,
  }));
  for (const [what, attempts] of [
    ['same username', sameUsername],
    ['same email', sameEmail],
  ] as const) {
    const replies = await Promise.all(attempts.map((user) => api.call('POST', '/users', { json: { user } })));
    s.check(`${what}: registrations answered 201`, 1, replies.filter((r) => r.status === 201).length);
    s.check(
      `${what}: registrations answered 422`,
      racers - 1,
      replies.filter((r) => r.status === 422).length,
    );
    s.count(`POST /users (${what})`, replies, (status) => status === 201 || status === 422);
    const winner = replies.findIndex((r) => r.status === 201);
    // Eventually consistent patterns may take a moment before the new account can log in.
    const logins = async () => {
      const results = await Promise.all(
        attempts.map((user) =>
          api.call('POST', '/users/login', {
            json: { user: { email: user.email, password: user.password } },
          }),
        ),
      );
      return results.map((r) => r.status === 200);
    };
    const settled = await settle(
      logins,
      (ok) => ok.filter(Boolean).length === 1 && (winner < 0 || ok[winner] === true),
      {
        timeoutMs: settleMs,
      },
    );
    s.check(`${what}: accounts that can log in`, 1, settled.value.filter(Boolean).length);
    if (winner >= 0) s.check(`${what}: the 201 account can log in`, 1, settled.value[winner] ? 1 : 0);
  }
}

// (c) Many users follow one author while the author publishes and everyone comments, all at once.
async function followPublishComment(api: Conduit, pool: Account[], s: Scenario, settleMs: number) {
  const author = await api.register('popular');
  const baseSlug = await api.createArticle(author.token, { title: `Discussion ${unique()}` });
  const articles = 5;
  const commentsEach = 2;
  const title = `Concurrent title ${unique()}`;
  const commentPath = `/articles/${enc(baseSlug)}/comments`;
  const bodies = pool.flatMap((u) =>
    Array.from({ length: commentsEach }, (_, i) => `comment ${i} by ${u.username}`),
  );

  const [follows, publishes, comments] = await Promise.all([
    Promise.all(
      pool.map((u) => api.call('POST', `/profiles/${enc(author.username)}/follow`, { token: u.token })),
    ),
    // All with the same title: the slugs must still come out distinct.
    Promise.all(
      Array.from({ length: articles }, (_, i) =>
        api.call('POST', '/articles', {
          token: author.token,
          json: { article: { title, description: `d${i}`, body: `b${i}`, tagList: ['race'] } },
        }),
      ),
    ),
    Promise.all(
      pool.flatMap((u, n) =>
        Array.from({ length: commentsEach }, (_, i) =>
          api.call('POST', commentPath, {
            token: u.token,
            json: { comment: { body: bodies[n * commentsEach + i] } },
          }),
        ),
      ),
    ),
  ]);
  s.check(
    'follow requests answered 2xx',
    pool.length,
    s.count('POST /profiles/:username/follow', follows, is2xx),
  );
  s.check(
    'articles answered 201',
    articles,
    s.count('POST /articles', publishes, (st) => st === 201),
  );
  s.check('comments answered 2xx', bodies.length, s.count(`POST ${commentPath}`, comments, is2xx));
  const slugs = publishes.map((r) => r.body?.article?.slug).filter((x): x is string => typeof x === 'string');
  s.check('distinct slugs for articles with the same title', articles, new Set(slugs).size);

  await expectCount(
    s,
    "author's articles listed",
    articles + 1,
    async () =>
      (await api.expect(200, 'GET', `/articles?author=${enc(author.username)}&limit=100`)).body.articlesCount,
    settleMs,
  );
  await expectCount(
    s,
    'distinct comments on the article with the expected bodies',
    bodies.length,
    async () => {
      const list = (await api.expect(200, 'GET', commentPath)).body.comments as Array<{
        id: number;
        body: string;
      }>;
      const wanted = new Set(bodies);
      return new Set(list.filter((c) => wanted.has(c.body)).map((c) => `${c.id}\u0000${c.body}`)).size;
    },
    settleMs,
  );
  await expectCount(
    s,
    'total comments on the article',
    bodies.length,
    async () => (await api.expect(200, 'GET', commentPath)).body.comments.length,
    settleMs,
  );
  await expectCount(
    s,
    'followers whose profile view says following: true',
    pool.length,
    async () => {
      const views = await Promise.all(
        pool.map((u) => api.call('GET', `/profiles/${enc(author.username)}`, { token: u.token })),
      );
      return views.filter((v) => v.body?.profile?.following === true).length;
    },
    settleMs,
  );
  const expectedFeed = new Set([baseSlug, ...slugs]);
  await expectCount(
    s,
    "followers whose feed holds all the author's articles",
    pool.length,
    async () => {
      const feeds = await Promise.all(
        pool.map((u) => api.call('GET', '/articles/feed?limit=100', { token: u.token })),
      );
      return feeds.filter((f) => {
        const seen = new Set((f.body?.articles ?? []).map((a: { slug: string }) => a.slug));
        return [...expectedFeed].every((slug) => seen.has(slug));
      }).length;
    },
    settleMs,
  );
}

// (d) Authors delete their articles while readers favorite, unfavorite and comment on them. Each
// request either happened before the delete or finds the article gone (404); none may fail with a 5xx,
// which is what a deadlock or a foreign-key error between the two writes looks like from outside.
// (Where comments carry no foreign key to articles, one landing mid-delete may stay stored unseen.)
async function deleteWhileInUse(api: Conduit, pool: Account[], s: Scenario, settleMs: number) {
  const rounds = 4;
  const author = await api.register('deleter');
  const slugs = await Promise.all(
    Array.from({ length: rounds }, (_, i) =>
      api.createArticle(author.token, { title: `Doomed ${i} ${unique()}` }),
    ),
  );
  const fans = pool.slice(0, Math.floor(pool.length / 2));
  const newcomers = pool.slice(fans.length);
  await Promise.all(
    slugs.flatMap((slug) =>
      fans.map((u) => api.expect(200, 'POST', `/articles/${enc(slug)}/favorite`, { token: u.token })),
    ),
  );

  const races = await Promise.all(
    slugs.map(async (slug) => {
      const path = `/articles/${enc(slug)}`;
      const [deletion, ...uses] = await Promise.all([
        api.call('DELETE', path, { token: author.token }),
        ...fans.map((u) => api.call('DELETE', `${path}/favorite`, { token: u.token })),
        ...newcomers.map((u) => api.call('POST', `${path}/favorite`, { token: u.token })),
        ...pool.map((u) =>
          api.call('POST', `${path}/comments`, { token: u.token, json: { comment: { body: 'last word' } } }),
        ),
      ]);
      return { deletion: deletion!, uses };
    }),
  );
  s.check(
    'deletes answered 2xx',
    rounds,
    s.count(
      'DELETE /articles/:slug',
      races.map((r) => r.deletion),
      is2xx,
    ),
  );
  const uses = races.flatMap((r) => r.uses);
  s.check(
    'favorites, unfavorites and comments answered 2xx or 404',
    uses.length,
    s.count('favorite/comment racing a delete', uses, (status) => is2xx(status) || status === 404),
  );
  await expectCount(
    s,
    'deleted articles that answer 404',
    rounds,
    async () => {
      const replies = await Promise.all(slugs.map((slug) => api.call('GET', `/articles/${enc(slug)}`)));
      return replies.filter((r) => r.status === 404).length;
    },
    settleMs,
  );
  await expectCount(
    s,
    "the author's articles listed",
    0,
    async () => (await api.expect(200, 'GET', `/articles?author=${enc(author.username)}`)).body.articlesCount,
    settleMs,
  );
}
