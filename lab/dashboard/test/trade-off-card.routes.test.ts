import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveRun } from '@journey/orchestrator/results';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TradeOffCardAnswer, tradeOffCardRoutes } from '../src/server/trade-off-card.routes.js';

describe('GET /api/patterns/:slug/trade-off-card', () => {
  let app: FastifyInstance;
  let home: string;
  const savedHome = process.env.JOURNEY_HOME;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'journey-card-route-'));
    process.env.JOURNEY_HOME = home;
    app = Fastify();
    tradeOffCardRoutes(app);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    if (savedHome === undefined) delete process.env.JOURNEY_HOME;
    else process.env.JOURNEY_HOME = savedHome;
    rmSync(home, { recursive: true, force: true });
  });

  const get = (slug: string) => app.inject({ method: 'GET', url: `/api/patterns/${slug}/trade-off-card` });

  it('when nothing was run, then the card is empty and lists the commands that measure it', async () => {
    const response = await get('layered');
    expect(response.statusCode).toBe(200);
    const { card } = response.json<TradeOffCardAnswer>();
    expect(card).toMatchObject({ pattern: 'layered', compare: null, chaos: [] });
    expect(card.missing.map((m) => m.command)).toEqual([
      'journey compare all',
      'journey chaos layered kill|latency|drop|away <target> …',
    ]);
  });

  it('when a run is stored after the server started, then the next request carries it', async () => {
    saveRun('chaos', {
      pattern: 'layered',
      fault: { kind: 'away', target: 'database', seconds: 3 },
      hypothesis: 'every call fails while the database is away, and none is lost after',
      availabilityDuring: 0,
      p99DuringMs: 8,
      invariants: [{ name: 'no acknowledged write lost', held: true, detail: '9 of 9 found' }],
      verdict: 'confirmed',
    });
    const { card } = (await get('layered')).json<TradeOffCardAnswer>();
    expect(card.chaos).toMatchObject([{ kind: 'away', target: 'database', verdict: 'confirmed' }]);
  });

  it('when the stage is unknown, then 404 says which', async () => {
    const response = await get('mainframe');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'no stage "mainframe"' });
  });
});
