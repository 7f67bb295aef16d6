import { createLogger } from '@journey/platform';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConduitServer, createConduitServer, createServiceServer } from '../src/index.js';

const logger = createLogger('service-server-test', 'silent');

describe('a service server', () => {
  let app: ConduitServer | undefined;
  afterEach(() => app?.close());

  const serve = async (ping: () => Promise<void>) => {
    app = await createServiceServer('notes', logger, { describe: 'sqlite notes.sqlite', ping });
    return app;
  };

  it('when the process runs, then /health says so whatever the database does', async () => {
    const server = await serve(() => Promise.reject(new Error('down')));
    const reply = await server.inject({ method: 'GET', url: '/health' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ status: 'ok', service: 'notes' });
  });

  it('when its database answers, then /ready names the service and where its data lives', async () => {
    const server = await serve(async () => {});
    const reply = await server.inject({ method: 'GET', url: '/ready' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ status: 'ready', service: 'notes', database: 'sqlite notes.sqlite' });
  });

  it('when its database does not answer, then /ready is a 503 in the RealWorld error shape', async () => {
    const server = await serve(() => Promise.reject(new Error('connection refused')));
    const reply = await server.inject({ method: 'GET', url: '/ready' });
    expect(reply.statusCode).toBe(503);
    expect(reply.json()).toEqual({ errors: { database: ['unreachable'] } });
  });

  it('when a route does not exist, then it is the Conduit 404, as on the public API', async () => {
    const server = await serve(async () => {});
    const reply = await server.inject({ method: 'GET', url: '/nowhere' });
    expect(reply.statusCode).toBe(404);
    expect(reply.json()).toEqual({ errors: { route: ['GET /nowhere does not exist'] } });
  });

  it('when a browser asks it cross-origin, then it gives no CORS headers, which the public API alone gives', async () => {
    const preflight = {
      method: 'OPTIONS' as const,
      url: '/health',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    };
    const service = await serve(async () => {});
    const call = await service.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
    expect((await service.inject(preflight)).statusCode).toBe(404);

    const publicApi = await createConduitServer(logger);
    try {
      const answer = await publicApi.inject(preflight);
      expect(answer.statusCode).toBe(204);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
    } finally {
      await publicApi.close();
    }
  });
});
