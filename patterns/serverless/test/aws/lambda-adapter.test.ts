import { describe, expect, it } from 'vitest';
import type { FunctionRequest } from '../../core/function-types.js';
import { httpApiHandler, toFunctionRequest, toHttpApiResult } from '../../platforms/aws/lambda-adapter.js';
import { httpApiEvent, lambdaContext } from './http-api-event.js';

describe('API Gateway HTTP API (payload 2.0) → function request', () => {
  it('when a GET has a query, then the path is rawPath and each parameter keeps its first value', () => {
    const request = toFunctionRequest(
      httpApiEvent({
        method: 'GET',
        routeKey: 'GET /api/articles',
        rawPath: '/api/articles',
        rawQueryString: 'tag=dragons&tag=elves&author=jake%20p&limit=20',
      }),
    );
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/api/articles');
    expect(request.query).toEqual({ tag: 'dragons', author: 'jake p', limit: '20' });
    expect(request.body).toBeUndefined();
  });

  it('when headers arrive in mixed case, then their names are lower case', () => {
    const request = toFunctionRequest(
      httpApiEvent({
        method: 'GET',
        routeKey: 'GET /api/user',
        rawPath: '/api/user',
        headers: { Authorization: 'Token abc.def.ghi', 'X-Request-Id': 'r-1' },
      }),
    );
    expect(request.headers.authorization).toBe('Token abc.def.ghi');
    expect(request.headers['x-request-id']).toBe('r-1');
    expect(Object.keys(request.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('when the request had cookies, then they come back as one cookie header', () => {
    const request = toFunctionRequest(
      httpApiEvent({
        method: 'GET',
        routeKey: 'GET /api/tags',
        rawPath: '/api/tags',
        cookies: ['a=1', 'b=2'],
      }),
    );
    expect(request.headers.cookie).toBe('a=1; b=2');
  });

  it('when the body is base64-encoded, then the function sees the decoded text', () => {
    const json = JSON.stringify({ user: { email: 'jake@jake.jake', password: 'jakejake' } });
    const request: FunctionRequest = toFunctionRequest(
      httpApiEvent({
        method: 'POST',
        routeKey: 'POST /api/users/login',
        rawPath: '/api/users/login',
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.from(json, 'utf8').toString('base64'),
        isBase64Encoded: true,
      }),
    );
    expect(request.method).toBe('POST');
    expect(request.body).toBe(json);
  });

  it('when the body is plain text, then it is passed as is, non-ASCII included', () => {
    const json = JSON.stringify({ comment: { body: 'Très bien — 👍' } });
    const request = toFunctionRequest(
      httpApiEvent({
        method: 'POST',
        routeKey: 'POST /api/articles/{slug}/comments',
        rawPath: '/api/articles/how-to-train-your-dragon/comments',
        pathParameters: { slug: 'how-to-train-your-dragon' },
        headers: { 'content-type': 'application/json' },
        body: json,
      }),
    );
    expect(request.path).toBe('/api/articles/how-to-train-your-dragon/comments');
    expect(request.body).toBe(json);
  });
});

describe('function response → HTTP API (payload 2.0) result', () => {
  it('when the function answers, then status, headers and body pass through and the body is not base64', () => {
    const result = toHttpApiResult({
      statusCode: 422,
      headers: { 'content-type': 'application/json' },
      body: '{"errors":{}}',
    });
    expect(result).toEqual({
      statusCode: 422,
      headers: { 'content-type': 'application/json' },
      body: '{"errors":{}}',
      isBase64Encoded: false,
    });
  });

  it('when the function sets a cookie, then it travels in cookies, not in headers', () => {
    const result = toHttpApiResult({
      statusCode: 200,
      headers: { 'Set-Cookie': 'session=1; HttpOnly', etag: '"x"' },
      body: '',
    });
    expect(result.cookies).toEqual(['session=1; HttpOnly']);
    expect(result.headers).toEqual({ etag: '"x"' });
  });
});

describe('httpApiHandler', () => {
  it('when invoked, then the function gets the adapted request and the Lambda request id', async () => {
    const seen: unknown[] = [];
    const handler = httpApiHandler(async (request, invocation) => {
      seen.push({ request, invocation });
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"tags":[]}' };
    });
    const result = await handler(
      httpApiEvent({ method: 'get', routeKey: 'GET /api/tags', rawPath: '/api/tags' }),
      lambdaContext('c6af9ac6-7b61-11e6-9a41-93e8deadbeef'),
    );
    expect(result).toMatchObject({ statusCode: 200, body: '{"tags":[]}' });
    expect(seen).toEqual([
      {
        request: expect.objectContaining({ method: 'GET', path: '/api/tags', query: {} }),
        invocation: { requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', platform: 'aws' },
      },
    ]);
  });
});
