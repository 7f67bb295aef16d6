import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateConduitDatabase } from '../../core/migrate.js';
import { groupAlive, loggedInvocations, startOfflineOnFreePorts } from './offline-support.js';

/**
 * serverless-offline as the local AWS runtime, on one SQLite file: each function's instances are worker
 * threads it starts on demand, so what the instance meter logs is what a learner would see on Lambda.
 */
describe('serverless-offline serving deploy/aws/serverless.yml', () => {
  let dir: string;
  let gateway: Awaited<ReturnType<typeof startOfflineOnFreePorts>>;
  const invocationsOf = (name: string, count: number) => loggedInvocations(gateway.invocations, name, count);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'journey-serverless-offline-'));
    const databaseUrl = join(dir, 'conduit.sqlite');
    await migrateConduitDatabase(databaseUrl);
    gateway = await startOfflineOnFreePorts({
      DATABASE_URL: databaseUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when GET /api/tags arrives, then the tags function answers through the HTTP API, with its CORS header', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/tags`, {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.json()).toEqual({ tags: [] });
  });

  it('when a function is called again after it answered, then its warm instance answers', async () => {
    await fetch(`${gateway.baseUrl}/api/tags`);
    expect((await invocationsOf('tags', 2)).map((record) => record.coldStart)).toEqual([true, false]);
  });

  it('when another function is first called, then it starts an instance of its own (a cold start)', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/profiles/nobody`);
    expect(response.status).toBe(404);
    expect((await invocationsOf('profiles', 1)).map((record) => record.coldStart)).toEqual([true]);
  });

  it('when no route matches, then the catch-all function answers a RealWorld 404, not the gateway', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/nope`, { method: 'PATCH' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: { route: [expect.any(String)] } });
  });

  it('when a browser sends a preflight, then the catch-all brings it to a function, which allows the method', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/articles/some-slug`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT' },
    });
    // serverless-offline turns the status of any OPTIONS with an Origin into 200 (API Gateway keeps 204);
    // the allowed headers, which the request did not ask for, can only come from the function.
    expect([200, 204]).toContain(response.status);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('when five first calls to a function arrive at once, then it starts more than one instance', async () => {
    // Each instance is busy with its cold start when the next call arrives, so the runtime adds another,
    // as Lambda scales out per concurrent request.
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () =>
        fetch(`${gateway.baseUrl}/api/articles/feed`).then((response) => response.status),
      ),
    );
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const coldStarts = (await invocationsOf('feed', 5)).filter((record) => record.coldStart).length;
    expect(coldStarts).toBeGreaterThan(1);
    expect(coldStarts).toBeLessThanOrEqual(5);
  });

  it('when stopped, then serverless-offline and everything it started are gone', async () => {
    await gateway.stop();
    expect(groupAlive(gateway.pid)).toBe(false);
  });
});
