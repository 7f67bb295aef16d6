import { createLogger } from '@journey/platform';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConduitServer, createServiceServer } from '../src/index.js';

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
});
