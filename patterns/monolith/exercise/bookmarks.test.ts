import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@journey/platform';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Monolith } from '../src/app.js';

/**
 * The monolith exercise's acceptance test (`journey exercise monolith check`): bookmarks as a fifth
 * module, checked from outside through HTTP on a SQLite file, and in that file for what HTTP cannot
 * show (no bookmark outlives its article). Each test names what is missing when it fails.
 */
const folder = mkdtempSync(join(tmpdir(), 'monolith-bookmarks-'));
const databaseFile = join(folder, 'conduit.sqlite');
let monolith: Monolith;
let baseUrl: string;

beforeAll(async () => {
  monolith = await buildApp({
    databaseUrl: databaseFile,
    jwtSecret: randomBytes(32).toString('hex'),
    logger: createLogger('monolith-exercise', 'warn'),
  });
  baseUrl = await monolith.app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await monolith?.close();
  rmSync(folder, { recursive: true, force: true });
});

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the JSON's shape, so a type would only restate them
  body: any;
}

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Token ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** The answer's status, or a failure that says which route answered what. */
function expectStatus(answer: Answer, status: number, route: string) {
  expect(
    answer.status,
    `${route} answered ${answer.status} ${JSON.stringify(answer.body)}, expected ${status}`,
  ).toBe(status);
}

let users = 0;
async function register(): Promise<string> {
  users++;
  const name = `reader${users}${randomBytes(3).toString('hex')}`;
  const answer = await call('POST', '/users', undefined, {
    user: { username: name, email: `${name}@example.com`, password: 'password1' },
  });
  expectStatus(answer, 201, 'POST /api/users');
  return answer.body.user.token as string;
}

async function publish(token: string, title: string): Promise<string> {
  const answer = await call('POST', '/articles', token, {
    article: { title, description: 'about it', body: 'the body', tagList: [] },
  });
  expectStatus(answer, 201, 'POST /api/articles');
  return answer.body.article.slug as string;
}

const bookmark = (token: string | undefined, slug: string) =>
  call('POST', `/articles/${slug}/bookmark`, token);
const unbookmark = (token: string | undefined, slug: string) =>
  call('DELETE', `/articles/${slug}/bookmark`, token);
const bookmarksOf = (token: string | undefined, query = '') => call('GET', `/user/bookmarks${query}`, token);

/** The bookmarks table as the learner's migration made it, read straight from the SQLite file. */
function bookmarkRowsOfArticle(slug: string): number {
  const db = new Database(databaseFile, { readonly: true });
  try {
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'bookmarks'")
      .get();
    expect(
      table,
      'there is no "bookmarks" table in the database: add it in a migration of the module',
    ).toBeDefined();
    const article = db.prepare('select id from articles where slug = ?').get(slug) as
      | { id: number }
      | undefined;
    const id = article?.id ?? remembered.get(slug);
    expect(id, `no id known for the article ${slug}`).toBeDefined();
    return (db.prepare('select count(*) as n from bookmarks where article_id = ?').get(id) as { n: number })
      .n;
  } finally {
    db.close();
  }
}

/** Article ids by slug, read before a delete so the rows can still be counted after it. */
const remembered = new Map<string, number>();
function rememberId(slug: string) {
  const db = new Database(databaseFile, { readonly: true });
  try {
    remembered.set(
      slug,
      (db.prepare('select id from articles where slug = ?').get(slug) as { id: number }).id,
    );
  } finally {
    db.close();
  }
}

describe('bookmarks routes', () => {
  let author: string;
  let reader: string;
  let slug: string;

  beforeAll(async () => {
    author = await register();
    reader = await register();
    slug = await publish(author, 'Worth reading later');
  });

  it('when a reader bookmarks an article, then POST /api/articles/:slug/bookmark answers 200 with the bookmark', async () => {
    const answer = await bookmark(reader, slug);
    expectStatus(answer, 200, `POST /api/articles/${slug}/bookmark`);
    expect(answer.body, 'the answer is { "bookmark": { "slug", "title", "bookmarkedAt" } }').toMatchObject({
      bookmark: { slug, title: 'Worth reading later' },
    });
    expect(
      Number.isNaN(Date.parse(answer.body.bookmark.bookmarkedAt)),
      'bookmarkedAt is an ISO 8601 time',
    ).toBe(false);
  });

  it('when the same article is bookmarked twice, then there is one bookmark and it keeps its first time', async () => {
    const first = await bookmark(reader, slug);
    const second = await bookmark(reader, slug);
    expectStatus(second, 200, 'a second POST of the same bookmark');
    expect(second.body.bookmark.bookmarkedAt).toBe(first.body.bookmark.bookmarkedAt);
    const list = await bookmarksOf(reader);
    expect(list.body?.bookmarksCount, 'GET /api/user/bookmarks counts one bookmark per article').toBe(1);
  });

  it('when GET /api/user/bookmarks is asked, then it lists the reader’s bookmarks, most recent first, and no one else’s', async () => {
    const other = await publish(author, 'Another one');
    await bookmark(reader, other);
    await bookmark(author, slug);
    const answer = await bookmarksOf(reader);
    expectStatus(answer, 200, 'GET /api/user/bookmarks');
    expect(
      answer.body,
      'the answer is { "bookmarks": [{ "slug", "title", "bookmarkedAt" }], "bookmarksCount" }',
    ).toEqual({
      bookmarks: [
        { slug: other, title: 'Another one', bookmarkedAt: expect.any(String) },
        { slug, title: 'Worth reading later', bookmarkedAt: expect.any(String) },
      ],
      bookmarksCount: 2,
    });
    const paged = await bookmarksOf(reader, '?limit=1&offset=1');
    expect(paged.body, '?limit and ?offset page the list; the count is of all of them').toMatchObject({
      bookmarks: [{ slug }],
      bookmarksCount: 2,
    });
  });

  it('when the article’s title changes, then its bookmark shows the new slug (a bookmark names the article, not a slug)', async () => {
    const renamedFrom = await publish(author, 'Old title');
    await bookmark(reader, renamedFrom);
    const updated = await call('PUT', `/articles/${renamedFrom}`, author, {
      article: { title: 'New title' },
    });
    expectStatus(updated, 200, 'PUT /api/articles/:slug');
    const newSlug = updated.body.article.slug as string;
    const list = await bookmarksOf(reader);
    expectStatus(list, 200, 'GET /api/user/bookmarks');
    expect(list.body.bookmarks[0], 'the most recent bookmark, after its article was renamed').toMatchObject({
      slug: newSlug,
      title: 'New title',
    });
  });

  it('when a reader removes a bookmark, then DELETE answers 204, it is gone, and removing it again is still 204', async () => {
    const temporary = await publish(author, 'Read and forget');
    await bookmark(reader, temporary);
    expectStatus(await unbookmark(reader, temporary), 204, `DELETE /api/articles/${temporary}/bookmark`);
    const list = await bookmarksOf(reader);
    expectStatus(list, 200, 'GET /api/user/bookmarks');
    expect(list.body.bookmarks.map((b: { slug: string }) => b.slug)).not.toContain(temporary);
    expectStatus(await unbookmark(reader, temporary), 204, 'a second DELETE of the same bookmark');
  });

  it('when there is no token, then all three routes answer 401', async () => {
    expectStatus(await bookmark(undefined, slug), 401, 'POST /api/articles/:slug/bookmark without a token');
    expectStatus(
      await unbookmark(undefined, slug),
      401,
      'DELETE /api/articles/:slug/bookmark without a token',
    );
    expectStatus(await bookmarksOf(undefined), 401, 'GET /api/user/bookmarks without a token');
    expectStatus(await bookmarksOf('not-a-token'), 401, 'GET /api/user/bookmarks with a bad token');
  });

  it('when the article does not exist, then bookmarking or unbookmarking it answers 404 on "article"', async () => {
    const posted = await bookmark(reader, 'no-such-article');
    expectStatus(posted, 404, 'POST /api/articles/no-such-article/bookmark');
    expect(posted.body, 'the RealWorld error shape, as every route of the API').toEqual({
      errors: { article: ['not found'] },
    });
    expectStatus(
      await unbookmark(reader, 'no-such-article'),
      404,
      'DELETE /api/articles/no-such-article/bookmark',
    );
  });

  it('when the page is not a whole number, then GET /api/user/bookmarks answers 422 on "limit"', async () => {
    const answer = await bookmarksOf(reader, '?limit=lots');
    expectStatus(answer, 422, 'GET /api/user/bookmarks?limit=lots');
    expect(Object.keys(answer.body?.errors ?? {})).toContain('limit');
  });
});

describe('deleting an article', () => {
  it('when a bookmarked article is deleted, then no bookmark row of it is left, and the other bookmarks stay', async () => {
    const author = await register();
    const readers = [await register(), await register()];
    const doomed = await publish(author, 'Soon gone');
    const kept = await publish(author, 'Here to stay');
    for (const token of readers) {
      await bookmark(token, doomed);
      await bookmark(token, kept);
    }
    expect(bookmarkRowsOfArticle(doomed), 'two readers bookmarked it: two rows in "bookmarks"').toBe(2);
    rememberId(doomed);
    expectStatus(await call('DELETE', `/articles/${doomed}`, author), 204, 'DELETE /api/articles/:slug');
    expect(
      bookmarkRowsOfArticle(doomed),
      'rows of the deleted article are still in "bookmarks": remove them in an articles.onDeleted listener',
    ).toBe(0);
    expect(bookmarkRowsOfArticle(kept), 'the other article’s bookmarks must stay').toBe(2);
    const list = await bookmarksOf(readers[0]);
    expect(list.body.bookmarks.map((b: { slug: string }) => b.slug)).toEqual([kept]);
  });
});
