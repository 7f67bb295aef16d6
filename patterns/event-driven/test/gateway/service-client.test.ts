import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServiceClient, type ServiceClient } from '@journey/event-driven-gateway/service-client';
import { freePort } from '@journey/orchestrator';
import { createLogger } from '@journey/platform';
import { DownstreamAnswered, DownstreamUnavailable } from '@journey/platform/downstream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

type Behaviour = 'ok' | 'not-found' | 'crash' | 'hang';

/** A service whose behaviour each test picks; it counts the requests that reach it and keeps the last one. */
function standInService() {
  const state = { behaviour: 'ok' as Behaviour, requests: 0, last: { url: '', viewer: '', body: '' } };
  const server: Server = createServer((request, response) => {
    state.requests += 1;
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      state.last = {
        url: request.url ?? '',
        viewer: String(request.headers['x-journey-viewer-id'] ?? ''),
        body,
      };
      if (state.behaviour === 'hang') return;
      const [status, answer] = {
        ok: [200, { article: { id: 1, slug: 'a b' } }],
        'not-found': [404, { errors: { article: ['not found'] } }],
        crash: [500, { errors: { body: ['internal error, see the server log'] } }],
      }[state.behaviour] as [number, unknown];
      response
        .writeHead(status, { 'content-type': 'application/json', 'x-journey-events': 'ArticlePublished:e1' })
        .end(JSON.stringify(answer));
    });
  });
  return { state, server };
}

const logger = createLogger('service-client-test', 'silent');
const budget = { timeoutMs: 300, breakAfter: 3, halfOpenAfterMs: 60_000 };

describe('the gateway calling a service', () => {
  let stand: ReturnType<typeof standInService>;
  let client: ServiceClient;

  beforeEach(async () => {
    stand = standInService();
    await new Promise<void>((resolve) => stand.server.listen(0, '127.0.0.1', resolve));
    const { port } = stand.server.address() as AddressInfo;
    client = createServiceClient('articles', `http://127.0.0.1:${port}`, logger, budget);
  });
  afterEach(async () => {
    await client.close();
    stand.server.closeAllConnections();
    await new Promise((resolve) => stand.server.close(resolve));
  });

  it('when the service answers, then the call carries route params, query, viewer and JSON, and the answer its headers', async () => {
    const answer = await client.send({
      method: 'PUT',
      route: '/articles/:slug',
      params: { slug: 'a b/c' },
      query: { limit: '5', tag: undefined },
      viewerId: 7,
      json: { article: { title: 'T' } },
    });
    expect(stand.state.last).toEqual({
      url: '/articles/a%20b%2Fc?limit=5',
      viewer: '7',
      body: '{"article":{"title":"T"}}',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ article: { id: 1, slug: 'a b' } });
    expect(answer.headers['x-journey-events']).toBe('ArticlePublished:e1');
  });

  it('when the service refuses (4xx), then its answer is relayed as it is and the breaker stays closed', async () => {
    stand.state.behaviour = 'not-found';
    for (let i = 0; i < budget.breakAfter + 1; i++) {
      const refusal = await client
        .send({ method: 'GET', route: '/articles/:slug', params: { slug: 'x' } })
        .catch((e) => e);
      expect(refusal).toBeInstanceOf(DownstreamAnswered);
      expect(refusal).toMatchObject({
        downstream: 'articles',
        status: 404,
        body: { errors: { article: ['not found'] } },
      });
    }
    expect(client.breakerState()).toBe('closed');
  });

  it('when the service crashes or hangs, then the call fails as unavailable naming it', async () => {
    stand.state.behaviour = 'crash';
    await expect(client.send({ method: 'GET', route: '/tags' })).rejects.toThrow(
      new DownstreamUnavailable('articles', 'GET /tags answered 500'),
    );
    stand.state.behaviour = 'hang';
    await expect(client.send({ method: 'GET', route: '/tags' })).rejects.toThrow(
      /articles service unavailable: GET \/tags: no answer within 300 ms/,
    );
  });

  it('when failures keep coming, then the breaker opens and later calls fail without reaching the service', async () => {
    stand.state.behaviour = 'crash';
    for (let i = 0; i < budget.breakAfter; i++)
      await expect(client.send({ method: 'GET', route: '/tags' })).rejects.toThrow(DownstreamUnavailable);
    expect(client.breakerState()).toBe('open');
    const reached = stand.state.requests;
    stand.state.behaviour = 'ok';
    await expect(client.send({ method: 'GET', route: '/tags' })).rejects.toThrow(
      'articles service unavailable: circuit open',
    );
    expect(stand.state.requests).toBe(reached);
  });

  it('when nothing listens where the service should be, then the call fails as unavailable', async () => {
    const nobody = createServiceClient('views', `http://127.0.0.1:${await freePort()}`, logger, budget);
    await expect(nobody.send({ method: 'GET', route: '/tags' })).rejects.toThrow(
      /^views service unavailable: GET \/tags: .*ECONNREFUSED/,
    );
    await nobody.close();
  });
});
