import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CallOutcome, dealCalls, fireBurst, statusCounts, succeeded } from '../../lab/burst.js';
import { fakeRuntime } from './fake-runtime.js';

let runtime: Awaited<ReturnType<typeof fakeRuntime>>;
beforeAll(async () => {
  runtime = await fakeRuntime((req, res) => {
    if (req.url === '/api/tags') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: { database: ['too many connections'] } }));
    } else if (req.url === '/api/user') {
      res.writeHead(req.headers.authorization === 'Token t0k' ? 200 : 401);
      res.end('{}');
    } else if (req.url === '/api/broken') {
      res.writeHead(502);
      res.end('<html>bad gateway</html>');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"articles":[]}');
    }
  });
});
afterAll(() => runtime.close());

describe('fireBurst', () => {
  it('answers every call with its status, latency and the fields an error body names', async () => {
    const outcomes = await fireBurst(runtime.url, [
      { function: 'articles', path: '/api/articles' },
      { function: 'tags', path: '/api/tags' },
      { function: 'users', path: '/api/user', token: 't0k' },
      { function: 'users', path: '/api/broken' },
    ]);
    expect(outcomes.map(({ function: name, status, errorFields }) => [name, status, errorFields])).toEqual([
      ['articles', 200, []],
      ['tags', 503, ['database']],
      ['users', 200, []],
      ['users', 502, []],
    ]);
    for (const outcome of outcomes) expect(outcome.ms).toBeGreaterThan(0);
  });

  it('records a call nobody answered as status 0 instead of failing the burst', async () => {
    const [outcome] = await fireBurst('http://127.0.0.1:1', [{ function: 'tags', path: '/api/tags' }]);
    expect(outcome).toMatchObject({ status: 0, errorFields: [] });
  });
});

describe('what a burst is made of and how it is summed up', () => {
  it('deals calls round-robin over the kinds', () => {
    const kinds = [
      { function: 'a', path: '/a' },
      { function: 'b', path: '/b' },
    ];
    expect(dealCalls(kinds, 5).map((call) => call.function)).toEqual(['a', 'b', 'a', 'b', 'a']);
  });

  it('counts statuses most frequent first, 2xx together, no answer by name', () => {
    const outcome = (status: number): CallOutcome => ({
      function: 'f',
      path: '/',
      status,
      ms: 1,
      errorFields: [],
    });
    const outcomes = [200, 201, 200, 503, 0, 503, 503, 200].map(outcome);
    expect(statusCounts(outcomes)).toBe('2xx 4, 503 3, no answer 1');
    expect(outcomes.filter(succeeded)).toHaveLength(4);
  });
});
