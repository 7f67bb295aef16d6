import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instrumentServer, recordCircuitOpen, tracedRequest } from '../src/index.js';

let app: FastifyInstance;
let url: string;
let neverAnswered: Array<() => void>;

beforeAll(async () => {
  neverAnswered = [];
  app = Fastify();
  instrumentServer(app, 'metrics-test');
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/things/:id', async () => ({ thing: true }));
  app.get('/broken', async (_request, reply) => reply.code(503).send({ errors: { body: ['down'] } }));
  app.get('/hang', (_request, reply) => {
    neverAnswered.push(() => reply.send({ late: true }));
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  for (const answer of neverAnswered) answer();
  await app.close();
});

const scrape = async () => {
  const response = await app.inject({ url: '/metrics' });
  return { contentType: response.headers['content-type'], text: response.body };
};

describe('GET /metrics', () => {
  it('when routes were called, then each route pattern is counted per status code', async () => {
    await app.inject({ url: '/things/1' });
    await app.inject({ url: '/things/2' });
    await app.inject({ url: '/no/such/route' });
    const { contentType, text } = await scrape();
    expect(contentType).toMatch(/^text\/plain/);
    expect(text).toContain(
      'http_server_requests_total{method="GET",route="/things/:id",status_code="200"} 2',
    );
    expect(text).toContain(
      'http_server_request_duration_seconds_count{method="GET",route="/things/:id",status_code="200"} 2',
    );
    expect(text).toContain('http_server_requests_total{method="GET",route="unmatched",status_code="404"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('when only probes were called, then neither /health nor /metrics shows up', async () => {
    await app.inject({ url: '/health' });
    await scrape();
    const { text } = await scrape();
    expect(text).not.toContain('route="/health"');
    expect(text).not.toContain('route="/metrics"');
  });
});

describe('tracedRequest', () => {
  const target = 'self';

  it('when calls answer, fail, time out or meet an open circuit, then each outcome is recorded per route', async () => {
    const ok = await tracedRequest({ target, route: '/things/:id' }, `${url}/things/9`);
    await ok.body.dump();
    const broken = await tracedRequest({ target, route: '/broken' }, `${url}/broken`);
    await broken.body.dump();
    await expect(
      tracedRequest({ target, route: '/hang' }, `${url}/hang`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
    // cockatiel's timeout policy aborts its signal without a reason when the budget runs out.
    const budget = new AbortController();
    const call = tracedRequest({ target, route: '/hang/:budget' }, `${url}/hang`, { signal: budget.signal });
    budget.abort();
    await expect(call).rejects.toThrow();
    recordCircuitOpen({ target, route: '/things/:id' });

    const { text } = await scrape();
    const count = (route: string, outcome: string) =>
      `downstream_request_duration_seconds_count{target="self",route="${route}",outcome="${outcome}"} 1`;
    expect(ok.statusCode).toBe(200);
    expect(text).toContain(count('/things/:id', 'ok'));
    expect(text).toContain(count('/broken', 'error'));
    expect(text).toContain(count('/hang', 'timeout'));
    expect(text).toContain(count('/hang/:budget', 'timeout'));
    expect(text).toContain(count('/things/:id', 'circuit_open'));
  });

  it('when the target refuses the connection, then the outcome is an error and the error reaches the caller', async () => {
    const closed = Fastify();
    const closedUrl = await closed.listen({ port: 0, host: '127.0.0.1' });
    await closed.close();
    await expect(tracedRequest({ target: 'gone', route: '/' }, closedUrl)).rejects.toThrow(/ECONNREFUSED/);
    const { text } = await scrape();
    expect(text).toContain(
      'downstream_request_duration_seconds_count{target="gone",route="/",outcome="error"} 1',
    );
  });
});
