import type { Server } from 'node:http';
import type { HttpFunction } from '@google-cloud/functions-framework';
import { http } from '@google-cloud/functions-framework';
import { getFunction, getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FunctionRequest, Invocation } from '../../core/function-types.js';
import { toGcfHttpFunction } from '../../platforms/gcf/http-adapter.js';
import { passRefusedBodiesTo } from '../../platforms/gcf/parse-refusal-fallback.js';
import { close, listen } from './listen.js';

/**
 * The adapter inside the real functions-framework server (its body parsers, execution ids), on a real
 * port: a recording function shows what the core would receive, and answers with a fixed response.
 */
const seen: { request: FunctionRequest; invocation: Invocation }[] = [];
http(
  'recorder',
  toGcfHttpFunction(async (request, invocation) => {
    seen.push({ request, invocation });
    return {
      statusCode: 201,
      headers: { 'content-type': 'application/json', 'x-made-by': 'core' },
      body: '{"ok":1}',
    };
  }),
);

const servers: Server[] = [];
let plainUrl: string;
let withFallbackUrl: string;

beforeAll(async () => {
  const plain = getTestServer('recorder');
  const withFallback = getTestServer('recorder');
  passRefusedBodiesTo(withFallback, getFunction('recorder') as HttpFunction);
  servers.push(plain, withFallback);
  [plainUrl, withFallbackUrl] = await Promise.all([listen(plain), listen(withFallback)]);
});
afterAll(() => Promise.all(servers.map(close)));
beforeEach(() => {
  seen.length = 0;
});

const lastRequest = () => {
  expect(seen).toHaveLength(1);
  return seen[0]!.request;
};

describe('GCF HTTP adapter', () => {
  it('when a JSON request arrives, then the core gets method, path, first query values, lower-case headers and the body byte for byte', async () => {
    const text = '{ "user": {"email": "a@b.c"} }';
    const response = await fetch(`${plainUrl}/api/articles/how-to?tag=a&tag=b&constructor=x`, {
      method: 'put',
      headers: { 'Content-Type': 'application/json', Authorization: 'Token abc' },
      body: text,
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-made-by')).toBe('core');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"ok":1}');
    const request = lastRequest();
    expect(request).toMatchObject({
      method: 'PUT',
      path: '/api/articles/how-to',
      query: { tag: 'a', constructor: 'x' },
      body: text,
    });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Token abc' });
    expect(seen[0]!.invocation.platform).toBe('gcf');
    expect(seen[0]!.invocation.requestId).not.toBe('');
  });

  it('when a GET has no body, then the request has none', async () => {
    await fetch(`${plainUrl}/api/tags`);
    expect(lastRequest()).toMatchObject({ method: 'GET', path: '/api/tags', query: {} });
    expect(lastRequest().body).toBeUndefined();
  });

  it('when a body comes with no content type, then the core still gets it (no parser claimed it)', async () => {
    const text = '{"user":{}}';
    await fetch(`${plainUrl}/api/users`, {
      method: 'POST',
      body: new Blob([text]), // a Blob without a type: fetch sends no Content-Type
    });
    expect(lastRequest().headers['content-type']).toBeUndefined();
    expect(lastRequest().body).toBe(text);
  });

  it('when the body is form-encoded or plain text, then the core gets the raw text, not what the framework parsed', async () => {
    await fetch(`${plainUrl}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'user[email]=a',
    });
    expect(lastRequest().body).toBe('user[email]=a');
  });

  it('when JSON is malformed, then the framework alone answers 400 and the function never runs (as deployed)', async () => {
    const response = await fetch(`${plainUrl}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"user":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).not.toMatch(/json/);
    expect(seen).toHaveLength(0);
  });

  it('when JSON is malformed and the local fallback is on, then the function gets the raw bytes to refuse itself', async () => {
    const response = await fetch(`${withFallbackUrl}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"user":',
    });
    expect(response.status).toBe(201);
    expect(lastRequest().body).toBe('{"user":');
  });

  it('when the charset is one body-parser refuses, then with the fallback the function still reads the unread body', async () => {
    await fetch(`${withFallbackUrl}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=klingon' },
      body: '{"user":{}}',
    });
    expect(lastRequest().body).toBe('{"user":{}}');
  });
});
