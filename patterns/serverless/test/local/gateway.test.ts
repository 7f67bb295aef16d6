import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesOf } from '../../core/function-routes.js';
import { createGateway } from '../../platforms/local/gateway.js';
import { instanceCap } from '../../platforms/local/instance-cap.js';
import { close, listen } from '../gcf/listen.js';

/**
 * The gateway in front of stand-in functions that answer with their own name and what they got: shows
 * which function a request reaches and that method, path, query, headers and body pass unchanged.
 */
const standIn = (name: string) =>
  createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.setHeader('content-type', 'application/json');
    res.setHeader('x-function', name);
    res.statusCode = 200;
    res.end(
      JSON.stringify({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'] ?? null,
        body: Buffer.concat(chunks).toString(),
      }),
    );
  });

const servers: Server[] = [];
const served: [string, string, number][] = [];
let gatewayUrl: string;

beforeAll(async () => {
  const articles = standIn('articles');
  const feed = standIn('feed');
  servers.push(articles, feed);
  const [articlesUrl, feedUrl] = await Promise.all([listen(articles), listen(feed)]);
  const gateway = createGateway({
    targets: [
      { name: 'articles', routes: routesOf(['GetArticle', 'UpdateArticle']), url: articlesUrl! },
      { name: 'feed', routes: routesOf(['GetArticlesFeed']), url: feedUrl! },
    ],
    caps: new Map([['articles', instanceCap(2)]]),
    metrics: async () => ({ contentType: 'text/plain', body: 'serverless_invocations_total 0\n' }),
    onServed: (method, route, status) => served.push([method, route, status]),
    functions: (requestsPerMonth) => ({
      unit: 'functions',
      runtime: `asked for ${requestsPerMonth}`,
      units: [],
    }),
  });
  servers.push(gateway);
  gatewayUrl = await listen(gateway);
});
afterAll(() => Promise.all(servers.map(close)));

describe('local gateway: routing', () => {
  it('when a literal path of one function overlaps a parameter path of another, then the literal wins', async () => {
    const feed = await fetch(`${gatewayUrl}/api/articles/feed`);
    const article = await fetch(`${gatewayUrl}/api/articles/how-to`);

    expect(feed.headers.get('x-function')).toBe('feed');
    expect(article.headers.get('x-function')).toBe('articles');
  });

  it('when a request is relayed, then method, path, query, headers and body arrive unchanged', async () => {
    const response = await fetch(`${gatewayUrl}/api/articles/how-to?x=1`, {
      method: 'PUT',
      headers: { authorization: 'Token t', 'content-type': 'application/json' },
      body: '{"article":{}}',
    });

    expect(await response.json()).toEqual({
      method: 'PUT',
      url: '/api/articles/how-to?x=1',
      authorization: 'Token t',
      contentType: 'application/json',
      body: '{"article":{}}',
    });
  });

  it('when a HEAD or a CORS preflight arrives, then it goes to the function serving that path', async () => {
    const head = await fetch(`${gatewayUrl}/api/articles/feed`, { method: 'HEAD' });
    const preflight = await fetch(`${gatewayUrl}/api/articles/how-to`, { method: 'OPTIONS' });

    expect(head.headers.get('x-function')).toBe('feed');
    expect(preflight.headers.get('x-function')).toBe('articles');
  });

  it('when no function has the method for a path, then the gateway answers 404 in the RealWorld shape', async () => {
    const response = await fetch(`${gatewayUrl}/api/articles/how-to`, { method: 'DELETE' });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: { route: ['no function serves DELETE /api/articles/how-to'] },
    });
  });

  it('when a path is not validly percent-encoded, then the gateway answers 400 in the RealWorld shape', async () => {
    const response = await fetch(`${gatewayUrl}/api/articles/%E0%A4%A`);

    expect(response.status).toBe(400);
    expect(await response.json()).toHaveProperty('errors.route');
  });
});

describe('local gateway: its own paths', () => {
  it('when /health, /metrics or /functions is asked, then the gateway answers it without a function', async () => {
    const health = await fetch(`${gatewayUrl}/health`);
    const metrics = await fetch(`${gatewayUrl}/metrics`);

    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await metrics.text()).toContain('serverless_invocations_total');
  });

  it('when a Conduit request is answered, then it is counted by its route pattern, not its path', async () => {
    await fetch(`${gatewayUrl}/api/articles/counted-one`);
    await fetch(`${gatewayUrl}/api/nowhere`);

    expect(served).toContainEqual(['GET', '/api/articles/{slug}', 200]);
    expect(served).toContainEqual(['GET', 'unmatched', 404]);
    expect(served.some(([, route]) => route === '/health')).toBe(false);
  });

  it('when /functions names no workload, then the report is for a million requests a month', async () => {
    const report = await (await fetch(`${gatewayUrl}/functions`)).json();
    const named = await (await fetch(`${gatewayUrl}/functions?requestsPerMonth=5000`)).json();

    expect(report.runtime).toBe('asked for 1000000');
    expect(named.runtime).toBe('asked for 5000');
  });

  it('when /functions gets a workload that is not a positive whole number, then it answers 400', async () => {
    const response = await fetch(`${gatewayUrl}/functions?requestsPerMonth=-3`);

    expect(response.status).toBe(400);
    expect(await response.json()).toHaveProperty('errors.requestsPerMonth');
  });
});

/** One raw request line, as a client that is not a browser may send it; resolves with the status line. */
function rawStatusLine(url: string, target: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`),
    );
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.once('end', () => resolve(received.split('\r\n', 1)[0] ?? ''));
    socket.once('error', reject);
  });
}

describe('local gateway: request targets that are not a path', () => {
  it.each([
    ['an absolute URL that does not parse', 'http://[/api/articles/how-to'],
    ['an absolute URL naming another host', 'http://127.0.0.1:1/api/articles/how-to'],
    ['a path naming another host', '//127.0.0.1:1/api/articles/how-to'],
  ])('when the request line carries %s, then it is a 400 and nothing is forwarded', async (_name, target) => {
    const before = served.length;
    expect(await rawStatusLine(gatewayUrl, target)).toBe('HTTP/1.1 400 Bad Request');
    // Still serving: the bad line neither crashed the gateway nor reached a function.
    expect((await fetch(`${gatewayUrl}/api/articles/how-to`)).status).toBe(200);
    expect(served.slice(before).map(([, route]) => route)).toEqual(['/api/articles/{slug}']);
  });
});

describe('local gateway: a body without a content type', () => {
  it('when a body comes without a Content-Type, then the function is told it is octet-stream, never left for serverless-offline to call JSON', async () => {
    const untyped = await fetch(`${gatewayUrl}/api/articles/how-to`, {
      method: 'PUT',
      body: new Blob(['{"article":{}}']),
    });
    expect((await untyped.json()) as { contentType: string | null }).toMatchObject({
      contentType: 'application/octet-stream',
    });
    const typed = await fetch(`${gatewayUrl}/api/articles/how-to`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"article":{}}',
    });
    expect((await typed.json()) as { contentType: string | null }).toMatchObject({
      contentType: 'application/json',
    });
    const bodiless = await fetch(`${gatewayUrl}/api/articles/how-to`);
    expect((await bodiless.json()) as { contentType: string | null }).toMatchObject({ contentType: null });
  });
});
