import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateConduitDatabase } from '../../core/migrate.js';
import { groupAlive, type LoggedInvocation, startOfflineOnFreePorts } from './offline-support.js';

/**
 * serverless-offline as the local AWS runtime, on one SQLite file: each function's instances are worker
 * threads it starts on demand, so what the instance meter logs is what a learner would see on Lambda.
 */
describe('serverless-offline serving deploy/aws/serverless.yml', () => {
  let dir: string;
  let gateway: Awaited<ReturnType<typeof startOfflineOnFreePorts>>;
  const invocationsOf = (name: string): LoggedInvocation[] =>
    gateway.invocations.filter((record) => record.function === name);

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

  it('when GET /api/tags comes from another origin, then the tags function answers, with CORS from the gateway', async () => {
    const origin = 'http://localhost:5173';
    const response = await fetch(`${gateway.baseUrl}/api/tags`, { headers: { origin } });
    expect(response.status).toBe(200);
    // With CORS set on the HTTP API, the gateway writes these headers and ignores the function's own.
    expect(['*', origin]).toContain(response.headers.get('access-control-allow-origin'));
    expect(await response.json()).toEqual({ tags: [] });
  });

  it('when a function is called again after it answered, then its warm instance answers', async () => {
    await fetch(`${gateway.baseUrl}/api/tags`);
    expect(invocationsOf('tags').map((record) => record.coldStart)).toEqual([true, false]);
  });

  it('when another function is first called, then it starts an instance of its own (a cold start)', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/profiles/nobody`);
    expect(response.status).toBe(404);
    expect(invocationsOf('profiles').map((record) => record.coldStart)).toEqual([true]);
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
    const coldStarts = invocationsOf('feed').filter((record) => record.coldStart).length;
    expect(coldStarts).toBeGreaterThan(1);
    expect(coldStarts).toBeLessThanOrEqual(5);
  });

  it('when stopped, then serverless-offline and everything it started are gone', async () => {
    await gateway.stop();
    expect(groupAlive(gateway.pid)).toBe(false);
  });
});
