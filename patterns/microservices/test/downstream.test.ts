import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDownstream, type Downstream } from '@journey/microservices-service-client';
import { createLogger } from '@journey/platform';
import { DownstreamAnswered, DownstreamUnavailable } from '@journey/platform/downstream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

type Behaviour = 'fail' | 'not-found' | 'own-dependency-down' | 'hang' | 'ok';

/** A stand-in downstream whose behaviour each test picks, counting the requests that reach it. */
function fakeService() {
  const state = { behaviour: 'ok' as Behaviour, requests: 0 };
  const server: Server = createServer((request, response) => {
    state.requests += 1;
    request.resume();
    if (state.behaviour === 'hang') return;
    const [status, body] = {
      fail: [500, { errors: { body: ['boom'] } }],
      'not-found': [404, { errors: { article: ['not found'] } }],
      'own-dependency-down': [503, { errors: { comments: ['service unavailable'] } }],
      ok: [200, { ok: true }],
    }[state.behaviour] as [number, unknown];
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return { state, server };
}

describe('a downstream call', () => {
  let fake: ReturnType<typeof fakeService>;
  let downstream: Downstream;

  beforeEach(async () => {
    fake = fakeService();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.server.address() as AddressInfo;
    downstream = createDownstream('things', `http://127.0.0.1:${port}`, createLogger('test', 'silent'), {
      timeoutMs: 300,
      retries: 2,
      breakAfter: 4,
      halfOpenAfterMs: 60_000,
    });
  });
  afterEach(async () => {
    await downstream.close();
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake.server.close(resolve));
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('when an idempotent GET meets a 5xx, then it is retried twice and ends as DownstreamUnavailable', async () => {
    fake.state.behaviour = 'fail';
    // A budget of its own: on a busy machine an answered 5xx can take longer than the suite's 300 ms,
    // and a timed-out attempt is (rightly) not retried, which is not what this test is about.
    const error = await failure(downstream.call({ method: 'GET', route: '/things', timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(DownstreamUnavailable);
    expect((error as DownstreamUnavailable).downstream).toBe('things');
    expect(fake.state.requests).toBe(3);
  });

  it('when a POST meets a 5xx, then it is sent once: a write is never repeated', async () => {
    fake.state.behaviour = 'fail';
    expect(await failure(downstream.call({ method: 'POST', route: '/things', json: {} }))).toBeInstanceOf(
      DownstreamUnavailable,
    );
    expect(fake.state.requests).toBe(1);
  });

  it('when the downstream answers 404, then the answer is relayed and the breaker stays closed', async () => {
    fake.state.behaviour = 'not-found';
    for (let i = 0; i < 6; i++) {
      const error = await failure(
        downstream.call({ method: 'GET', route: '/things/:id', params: { id: 'x' } }),
      );
      expect(error).toBeInstanceOf(DownstreamAnswered);
      expect(error).toMatchObject({ status: 404, body: { errors: { article: ['not found'] } } });
    }
    expect(downstream.breakerState()).toBe('closed');
  });

  it('when the downstream answers 503 about its own dependency, then that answer is relayed, unretried, and the breaker stays closed', async () => {
    fake.state.behaviour = 'own-dependency-down';
    for (let i = 0; i < 6; i++) {
      const error = await failure(downstream.call({ method: 'GET', route: '/things' }));
      expect(error).toBeInstanceOf(DownstreamAnswered);
      expect(error).toMatchObject({ status: 503, body: { errors: { comments: ['service unavailable'] } } });
    }
    expect(fake.state.requests).toBe(6);
    expect(downstream.breakerState()).toBe('closed');
  });

  it('when failures reach the threshold, then the breaker opens and calls fail without a request', async () => {
    fake.state.behaviour = 'fail';
    for (let i = 0; i < 4; i++) await failure(downstream.call({ method: 'POST', route: '/things' }));
    expect(downstream.breakerState()).toBe('open');
    const before = fake.state.requests;
    const error = await failure(downstream.call({ method: 'GET', route: '/things' }));
    expect(error).toBeInstanceOf(DownstreamUnavailable);
    expect((error as Error).message).toContain('circuit open');
    expect(fake.state.requests).toBe(before);
  });

  it('when the downstream never answers, then the call gives up as DownstreamUnavailable when its budget is spent, unretried', async () => {
    fake.state.behaviour = 'hang';
    const error = await failure(downstream.call({ method: 'GET', route: '/things' }));
    expect(error).toBeInstanceOf(DownstreamUnavailable);
    expect((error as Error).message).toContain('no answer within 300 ms');
    expect(fake.state.requests).toBe(1);
  });

  it('when the downstream is not listening, then the call fails as DownstreamUnavailable', async () => {
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake.server.close(resolve));
    expect(await failure(downstream.call({ method: 'POST', route: '/things' }))).toBeInstanceOf(
      DownstreamUnavailable,
    );
  });
});
