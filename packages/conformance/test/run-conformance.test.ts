import { afterEach, describe, expect, it } from 'vitest';
import { type CheckResult, eventually, listChecks, runConformance, runOfficialSuite } from '../src/index.js';
import { type Bug, type FakeConduit, startFakeConduit } from './fake-conduit.js';

let fake: FakeConduit | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function runAgainst(bugs: Bug[], options: { filter?: string; checkTimeoutMs?: number } = {}) {
  fake = await startFakeConduit(bugs);
  return runConformance({ baseUrl: fake.baseUrl, readTimeoutMs: 300, ...options });
}

const failedNames = (results: CheckResult[]) => results.filter((r) => !r.ok).map((r) => r.name);
const errorOf = (results: CheckResult[], name: string) =>
  results.find((r) => r.name.includes(name))?.error ?? '';

describe('runConformance', () => {
  it('when the server is a correct Conduit, then every check passes', async () => {
    const results = await runAgainst([]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBe(listChecks().length);
  });

  it('when register answers 200 without a token, then the registration check fails saying so', async () => {
    const results = await runAgainst(['register-200-without-token'], { filter: 'users:' });
    expect(failedNames(results)).toContain(
      'when a user registers, then the reply is 201 with the user and a token',
    );
    expect(errorOf(results, 'when a user registers')).toMatch(
      /POST \/api\/users answered 200 .*expected 201/,
    );
  });

  it('when the server has one bug per area, then exactly the checks for those bugs fail', async () => {
    const results = await runAgainst([
      'list-includes-body',
      'articles-count-is-page-size',
      'favorite-counts-every-click',
      'slug-kept-on-retitle',
      'no-cors',
      'anyone-deletes-comments',
      'timestamps-without-millis',
      'feed-shows-everyone',
    ]);
    expect(failedNames(results).sort()).toEqual(
      [
        // list-includes-body
        'when articles are listed, then each item matches the summary and has no body',
        // articles-count-is-page-size
        'when limit and offset are given, then they page through the list and articlesCount is the total',
        'when no limit is given, then 20 articles come back and articlesCount is the total',
        'when the feed is paged, then limit and offset apply and articlesCount is the total',
        // favorite-counts-every-click
        'when an article is favorited twice, then favoritesCount stays 1',
        // slug-kept-on-retitle
        'when the title changes, then the slug changes and the old slug is 404',
        // no-cors
        'when a preflight OPTIONS comes with an Origin, then the origin is allowed with Authorization and Content-Type',
        'when a preflight asks for PUT or DELETE, then the method is allowed',
        'when a request comes with an Origin, then the reply has Access-Control-Allow-Origin',
        'when a request with an Origin fails, then the error reply has Access-Control-Allow-Origin too',
        'when a browser preflight asks to send Idempotency-Key, then the header is allowed',
        // anyone-deletes-comments
        'when someone else deletes a comment, then it answers 403 and the comment stays',
        // timestamps-without-millis
        'when an article is created, then createdAt and updatedAt are ISO 8601 with milliseconds',
        'when a comment is added, then createdAt and updatedAt are ISO 8601 with milliseconds',
        // feed-shows-everyone
        "when a reader follows an author, then the feed holds only followed authors' articles, newest first",
        'when a new user reads their feed, then it is empty',
        "when the reader unfollows the author, then the author's articles leave the feed",
      ].sort(),
    );
    expect(errorOf(results, 'each item matches the summary')).toMatch(/include "body"/);
    expect(errorOf(results, 'favorited twice')).toMatch(
      /favoritesCount after favoriting twice is 2, expected 1/,
    );
  });

  it('when the server breaks what real front-ends send, then exactly the interoperability checks fail', async () => {
    const results = await runAgainst(['empty-password-is-blank', 'stale-token-on-public-read-is-401']);
    expect(failedNames(results).sort()).toEqual(
      [
        // empty-password-is-blank
        'when the password is sent empty with other changes, then those apply and the old password still logs in',
        // stale-token-on-public-read-is-401
        'when a public read carries a token the server cannot verify, then it answers as to an anonymous reader and GET /user answers 401',
      ].sort(),
    );
    expect(errorOf(results, 'password is sent empty')).toMatch(
      /PUT \/api\/user answered 422 .*can't be blank/,
    );
    expect(errorOf(results, 'cannot verify')).toMatch(
      /with garbage: GET \/api\/articles\?author=.* answered 401/,
    );
  });

  it('when the server ignores Idempotency-Key, then every idempotency check fails and nothing else does', async () => {
    const results = await runAgainst(['ignores-idempotency-key']);
    const idempotency = listChecks()
      .filter((check) => check.area === 'idempotency')
      .map((check) => check.name);
    // A server without keys cannot confuse two users' keys: that check fails on the next bug instead.
    const passWithoutKeys = ['when two users send the same Idempotency-Key, then each gets their own answer'];
    expect(failedNames(results).sort()).toEqual(
      idempotency.filter((name) => !passWithoutKeys.includes(name)).sort(),
    );
    expect(errorOf(results, 'reused with another body')).toMatch(
      /POST \/api\/articles answered 201 .*expected 422/,
    );
    expect(errorOf(results, 'registration is repeated')).toMatch(/answered 422 .*has already been taken/);
    expect(errorOf(results, 'sent twice at once')).toMatch(/different slugs|articlesCount/);
  });

  it('when the server mixes up the callers of an Idempotency-Key, then the per-user check fails', async () => {
    const results = await runAgainst(['idempotency-key-shared-by-users'], { filter: 'idempotency:' });
    expect(failedNames(results)).toEqual([
      'when two users send the same Idempotency-Key, then each gets their own answer',
    ]);
    expect(errorOf(results, 'two users')).toMatch(/answered 422/);
  });

  it('when an endpoint hangs, then its checks fail on the per-check timeout instead of stalling the run', async () => {
    const started = performance.now();
    const results = await runAgainst(['tags-hang'], { filter: 'tags:', checkTimeoutMs: 500 });
    expect(results).toHaveLength(2);
    for (const result of results) expect(result.error).toMatch(/timed out after 500 ms/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('when the server is down, then every selected check fails with the connection error', async () => {
    const results = await runConformance({ baseUrl: 'http://127.0.0.1:9', filter: 'cors:' });
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.error).toMatch(/got no answer: .*ECONNREFUSED/);
  });

  it('when check names are listed, then they are unique and read "when …, then …"', () => {
    const names = listChecks().map((check) => check.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^when .+, then .+/);
  });
});

describe('runOfficialSuite', () => {
  it('when the server is a correct Conduit, then the Postman collection passes', async () => {
    fake = await startFakeConduit();
    const result = await runOfficialSuite({ baseUrl: fake.baseUrl });
    expect(result.failures).toEqual([]);
    expect(result.requests).toBe(32);
    expect(result.assertions).toBeGreaterThan(200);
  });

  it('when assertions fail and a test script throws, then each is counted and described', async () => {
    fake = await startFakeConduit(['register-200-without-token', 'tags-html']);
    const result = await runOfficialSuite({ baseUrl: fake.baseUrl });
    expect(result.failedAssertions).toBe(2); // Register and Register Celeb lack a token
    expect(result.failures).toContainEqual(expect.stringMatching(/^Register: User has "token" property — /));
    expect(result.scriptErrors).toBe(1); // All Tags: JSON.parse of an HTML page
    expect(result.failures).toContainEqual(expect.stringMatching(/^All Tags: test script threw — .*JSON/));
  });
});

describe('eventually', () => {
  it('when the read catches up, then it returns the value', async () => {
    let tries = 0;
    const value = await eventually(() => {
      tries++;
      if (tries < 3) throw new Error('not yet');
      return 'done';
    });
    expect(value).toBe('done');
    expect(tries).toBe(3);
  });

  it('when the read never catches up, then it fails with the last error', async () => {
    await expect(
      eventually(
        () => {
          throw new Error('still stale');
        },
        { timeoutMs: 100 },
      ),
    ).rejects.toThrow(/still failing after 100 ms .*still stale/);
  });
});
