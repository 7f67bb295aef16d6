import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import type { FunctionRequest, Invocation } from '../../core/function-types.js';
import { toAzureHttpHandler } from '../../platforms/azure/http-adapter.js';

/**
 * The adapter called the way the Functions host's worker calls a v4 handler, with @azure/functions'
 * own HttpRequest and InvocationContext (no host runs here: see deploy/azure/README.md).
 */
function recordingHandler() {
  const seen: { request: FunctionRequest; invocation: Invocation }[] = [];
  const handler = toAzureHttpHandler(async (request, invocation) => {
    seen.push({ request, invocation });
    return {
      statusCode: 201,
      headers: { 'content-type': 'application/json', 'x-made-by': 'core' },
      body: '{"ok":1}',
    };
  });
  return { seen, handler };
}

const context = () =>
  new InvocationContext({ invocationId: 'inv-42', functionName: 'articles-articles-slug' });

describe('Azure HTTP adapter', () => {
  it('when a request arrives, then the core gets method, full path, first query values, lower-case headers and the raw body', async () => {
    const { seen, handler } = recordingHandler();
    const text = '{ "article": {"title": "x"} }';
    const request = new HttpRequest({
      method: 'PUT',
      url: 'http://localhost:7071/api/articles/how-to?tag=a&tag=b&constructor=x',
      headers: { 'Content-Type': 'application/json', Authorization: 'Token abc' },
      body: { string: text },
      params: { slug: 'how-to' },
    });

    await handler(request, context());

    expect(seen).toHaveLength(1);
    expect(seen[0]!.request).toMatchObject({
      method: 'PUT',
      path: '/api/articles/how-to',
      query: { tag: 'a', constructor: 'x' },
      body: text,
    });
    expect(seen[0]!.request.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Token abc',
    });
    expect(seen[0]!.invocation).toEqual({ requestId: 'inv-42', platform: 'azure' });
  });

  it('when the body is malformed JSON, then the core still gets the bytes to refuse them itself', async () => {
    const { seen, handler } = recordingHandler();
    const request = new HttpRequest({
      method: 'POST',
      url: 'http://localhost:7071/api/users',
      headers: { 'content-type': 'application/json' },
      body: { string: '{"user":' },
    });

    await handler(request, context());

    expect(seen[0]!.request.body).toBe('{"user":');
  });

  it('when a GET has no body, then the request has none', async () => {
    const { seen, handler } = recordingHandler();

    await handler(new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/tags' }), context());

    expect(seen[0]!.request).toEqual({ method: 'GET', path: '/api/tags', query: {}, headers: {} });
  });

  it('when the core answers, then Azure gets its status, headers and body unchanged', async () => {
    const { handler } = recordingHandler();

    const response = await handler(
      new HttpRequest({ method: 'GET', url: 'http://localhost:7071/api/tags' }),
      context(),
    );

    expect(response).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json', 'x-made-by': 'core' },
      body: '{"ok":1}',
    });
  });
});
