import { isRunnable } from '@journey/orchestrator';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigrationAnswer, migrationRoutes } from '../src/server/migration.routes.js';

describe('GET /api/patterns/:slug/migration', () => {
  let app: FastifyInstance;
  // Every stage is built now: a second app plays the roadmap with the last one not built yet, as it once was.
  let withMeshUnbuilt: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    migrationRoutes(app);
    await app.ready();
    withMeshUnbuilt = Fastify();
    migrationRoutes(withMeshUnbuilt, (slug) => isRunnable(slug) && slug !== 'service-mesh');
    await withMeshUnbuilt.ready();
  });
  afterAll(async () => {
    await app.close();
    await withMeshUnbuilt.close();
  });

  const get = (slug: string, on = app) =>
    on.inject({ method: 'GET', url: `/api/patterns/${slug}/migration` });

  it('when a built stage follows another, then it answers the migration from the previous one', async () => {
    const response = await get('event-driven');
    expect(response.statusCode).toBe(200);
    const { migration } = response.json<MigrationAnswer>();
    expect(migration).toMatchObject({ stage: 'event-driven', previous: 'microservices', skipped: [] });
    expect(migration!.infrastructure.find((change) => change.kind === 'broker')).toMatchObject({
      before: [],
      added: ['broker'],
    });
    expect(migration!.summary).toContain('1 broker appears: broker');
  });

  it('when the stage is the first built one, then the migration is null', async () => {
    const response = await get('monolith');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ migration: null });
  });

  it('when the service mesh is asked for, then it is built and answers its migration', async () => {
    const response = await get('service-mesh');
    expect(response.statusCode).toBe(200);
    expect(response.json<MigrationAnswer>().migration).toMatchObject({ stage: 'service-mesh', skipped: [] });
  });

  it('when the stage is not built or unknown, then 404 says which', async () => {
    const unbuilt = await get('service-mesh', withMeshUnbuilt);
    expect(unbuilt.json()).toEqual({
      error: 'stage "service-mesh" is not built yet: there is nothing to compare',
    });
    expect(unbuilt.statusCode).toBe(404);
    const unknown = await get('mainframe');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'no stage "mainframe"' });
  });
});
