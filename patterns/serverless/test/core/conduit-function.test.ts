import { createJwtTokens } from '@journey/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conduitFunction } from '../../core/conduit-function.js';
import { closeFunctionDatabase } from '../../core/database.js';
import type { FunctionRequest } from '../../core/function-types.js';

const SECRET = 'conduit-function-test-secret-0123456789';
const lines: Record<string, unknown>[] = [];
const log = {
  info: (fields: Record<string, unknown>) => lines.push(fields),
  warn: () => {},
  error: () => {},
};

// Operations that touch no table: what is under test is the core around them.
const probe = conduitFunction(
  { name: 'probe', operationIds: ['GetTags', 'CreateArticle', 'GetCurrentUser', 'DeleteArticle'] },
  {
    GetTags: async () => ({ tags: ['b', 'a'] }),
    CreateArticle: async ({ viewerId, body }) => ({
      article: {
        slug: 'made',
        title: body.article.title,
        description: body.article.description,
        body: body.article.body,
        tagList: [],
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
        favorited: false,
        favoritesCount: 0,
        author: { username: `user ${viewerId}`, bio: null, image: null, following: false },
      },
    }),
    GetCurrentUser: async () => {
      throw new Error('database exploded at 10.0.0.7');
    },
    DeleteArticle: async () => {},
  },
  log as never,
);

const invoke = (request: Partial<FunctionRequest> & Pick<FunctionRequest, 'method' | 'path'>) =>
  probe.handler({ query: {}, headers: {}, ...request }, { requestId: 'r-1', platform: 'local' });

let token = '';
beforeAll(async () => {
  process.env.DATABASE_URL = ':memory:';
  process.env.JWT_SECRET = SECRET;
  token = await createJwtTokens(SECRET).issue(42);
});
afterAll(async () => {
  await closeFunctionDatabase();
  delete process.env.DATABASE_URL;
  delete process.env.JWT_SECRET;
});

describe('conduitFunction', () => {
  it('when a route of the function is called, then the answer has the status the contract gives it', async () => {
    const created = await invoke({
      method: 'POST',
      path: '/api/articles',
      headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ article: { title: 'T', description: 'D', body: 'B' } }),
    });
    expect(created.statusCode).toBe(201);
    expect(JSON.parse(created.body).article.author.username).toBe('user 42');
    const deleted = await invoke({
      method: 'DELETE',
      path: '/api/articles/made',
      headers: { authorization: `Token ${token}` },
    });
    expect([deleted.statusCode, deleted.body]).toEqual([204, '']);
  });

  it('when the secret changes under a warm instance, then it keeps the one it read first, as it reads it once', async () => {
    await invoke({ method: 'GET', path: '/api/user', headers: { authorization: `Token ${token}` } });
    process.env.JWT_SECRET = 'another-secret-the-instance-never-reads-0123';
    try {
      const response = await invoke({
        method: 'GET',
        path: '/api/user',
        headers: { authorization: `Token ${token}` },
      });
      // The operation fails on purpose (500): what matters is that the token passed, so no 401.
      expect(response.statusCode).toBe(500);
    } finally {
      process.env.JWT_SECRET = SECRET;
    }
  });

  it('when a path is not one of its routes, then it is a RealWorld 404 with CORS', async () => {
    const response = await invoke({ method: 'GET', path: '/api/profiles/x' });
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ errors: { route: ['GET /api/profiles/x does not exist'] } });
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('when a required token is missing, then it is a 401 before the operation runs', async () => {
    const response = await invoke({
      method: 'POST',
      path: '/api/articles',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('when the body breaks the contract schema, then it is a 422 naming the fields', async () => {
    const response = await invoke({
      method: 'POST',
      path: '/api/articles',
      headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ article: { title: 'T' } }),
    });
    expect(response.statusCode).toBe(422);
    expect(Object.keys(JSON.parse(response.body).errors).sort()).toEqual(['body', 'description']);
  });

  it('when an operation fails unexpectedly, then the client gets a 500 without the details', async () => {
    const response = await invoke({
      method: 'GET',
      path: '/api/user',
      headers: { authorization: `Token ${token}` },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('10.0.0.7');
  });

  it('when a preflight arrives, then it is a 204 allowing the headers Conduit clients send', async () => {
    const response = await invoke({ method: 'OPTIONS', path: '/api/articles' });
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-headers']).toMatch(/Authorization.*Idempotency-Key/);
  });

  it('when a HEAD arrives, then it is answered as the GET without the body', async () => {
    const response = await invoke({ method: 'HEAD', path: '/api/tags' });
    expect([response.statusCode, response.body]).toEqual([200, '']);
  });

  it('when invocations end, then each left one line with the function name, coldStart and durationMs', () => {
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatchObject({
      function: 'probe',
      coldStart: true,
      requestId: 'r-1',
      platform: 'local',
    });
    expect(lines.slice(1).every((line) => line.coldStart === false)).toBe(true);
    expect(probe.meter.snapshot().invocations).toBe(lines.length);
  });
});
