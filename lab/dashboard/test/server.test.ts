import { isRunnable, PATTERN_SLUGS, runnablePatterns } from '@journey/orchestrator';
import { openProgress } from '@journey/roadmap';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDashboard } from '../src/server/app.js';
import { TOKEN_HEADER } from '../src/server/request-guard.js';
import { recordingCli, recordingLab } from './fake-lab.js';

const TOKEN = 'test-token-0123456789';
const HOST = '127.0.0.1:4000';
const OWN_ORIGIN = `http://${HOST}`;
/**
 * Every stage is built now: the unbuilt-stage answers are shown on a dashboard told the last stage of
 * the roadmap is not built yet, as each stage once was.
 */
const UNBUILT = PATTERN_SLUGS.at(-1)!;
const allBut = (slug: string) => (other: string) => isRunnable(other) && other !== slug;

describe('dashboard server', () => {
  let fixture: Awaited<ReturnType<typeof setUp>>;
  const setUp = async (isBuilt?: (slug: string) => boolean) => {
    const { lab, calls, benches } = recordingLab();
    const { cli, commands } = recordingCli();
    const progress = openProgress(':memory:');
    const app = await buildDashboard({ lab, cli, progress, token: TOKEN, isBuilt });
    return { app, calls, benches, commands, progress };
  };
  /** The fixture again, on a dashboard that takes UNBUILT for a stage not built yet. */
  const withUnbuiltStage = async () => {
    await fixture.app.close();
    fixture.progress.close();
    fixture = await setUp(allBut(UNBUILT));
  };
  beforeEach(async () => {
    fixture = await setUp();
  });
  afterEach(async () => {
    await fixture.app.close();
    fixture.progress.close();
  });

  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    fixture.app.inject({ method: 'POST', url, headers: { host: HOST, ...headers }, payload });
  /** A start as the stage page sends it: the choice per infrastructure kind in the body. */
  const start = (slug: string, choices?: Record<string, string>) =>
    post(
      `/api/patterns/${slug}/start`,
      { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN },
      choices && { choices },
    );

  it('when a page on another origin posts a start, even with the token, then 403 and nothing starts', async () => {
    const response = await post('/api/patterns/monolith/start', {
      origin: 'http://evil.example',
      [TOKEN_HEADER]: TOKEN,
    });
    expect(response.statusCode).toBe(403);
    expect(fixture.calls).toEqual([]);
  });

  it('when a kill comes without the token, then 401 and nothing is killed', async () => {
    const response = await post('/api/patterns/monolith/processes/app/kill', { origin: OWN_ORIGIN });
    expect(response.statusCode).toBe(401);
    expect(fixture.calls).toEqual([]);
  });

  it('when the token is wrong, then 401', async () => {
    const response = await post('/api/patterns/monolith/start', {
      origin: OWN_ORIGIN,
      [TOKEN_HEADER]: `${TOKEN}x`,
    });
    expect(response.statusCode).toBe(401);
    expect(fixture.calls).toEqual([]);
  });

  it('when the Host is not loopback (DNS rebinding), then even reads are refused', async () => {
    const response = await fixture.app.inject({
      method: 'GET',
      url: '/api/roadmap',
      headers: { host: 'evil.example:4000' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('when the dashboard itself asks with the token, then the lab starts, kills and restarts', async () => {
    const headers = { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN };
    expect((await post('/api/patterns/monolith/start', headers)).statusCode).toBe(200);
    expect((await post('/api/patterns/monolith/processes/app/kill', headers)).statusCode).toBe(200);
    expect((await post('/api/patterns/monolith/processes/app/restart', headers)).statusCode).toBe(200);
    expect(fixture.calls).toEqual(['start monolith', 'kill monolith app', 'restart monolith app']);
  });

  it('when event-driven is started with choices per kind, then the lab gets them; without any, its defaults', async () => {
    expect((await start('event-driven', { broker: 'nats' })).statusCode).toBe(200);
    expect((await start('event-driven', { database: 'sqlite', broker: 'rabbitmq' })).statusCode).toBe(200);
    expect((await start('event-driven')).statusCode).toBe(200);
    expect(fixture.calls).toEqual([
      'start event-driven broker=nats',
      'start event-driven database=sqlite broker=rabbitmq',
      'start event-driven',
    ]);
  });

  it('when a choice is not one its kind offers, then 400 naming those it does, and nothing starts', async () => {
    const broker = await start('event-driven', { broker: 'pulsar' });
    expect(broker.statusCode).toBe(400);
    expect(broker.json().error).toBe(
      'no broker "pulsar"; choose one of embedded, rabbitmq, nats, kafka (--broker)',
    );
    const database = await start('monolith', { database: 'mysql' });
    expect(database.statusCode).toBe(400);
    expect(database.json().error).toBe('no database "mysql"; choose one of sqlite, postgres (--db)');
    expect(fixture.calls).toEqual([]);
  });

  it('when a kind is chosen that the topology does not declare, or the choices are no object, then 400 and nothing starts', async () => {
    const broker = await start('monolith', { broker: 'nats' });
    expect(broker.statusCode).toBe(400);
    expect(broker.json().error).toBe('monolith has no broker to choose: its topology declares none');
    const unknown = await start('monolith', { cache: 'redis' });
    expect(unknown.json().error).toBe('monolith has no cache to choose: its topology declares none');
    const notObject = await post(
      '/api/patterns/monolith/start',
      { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN },
      { choices: 'sqlite' },
    );
    expect(notObject.statusCode).toBe(400);
    expect(fixture.calls).toEqual([]);
  });

  it('when event-driven is asked for, then its page offers each kind’s choices (the lab’s default selected) and draws the broker by its kind’s shape with its events edges', async () => {
    const response = await fixture.app.inject({ url: '/api/patterns/event-driven', headers: { host: HOST } });
    const { graph, infrastructureChoices, experiments } = response.json();
    expect(infrastructureChoices).toEqual([
      {
        kind: 'database',
        flag: 'db',
        choices: ['sqlite', 'postgres'],
        defaultChoice: 'postgres',
        notes: {},
      },
      {
        kind: 'broker',
        flag: 'broker',
        choices: ['embedded', 'rabbitmq', 'nats', 'kafka'],
        defaultChoice: 'embedded',
        notes: { kafka: 'Kafka protocol, mock cluster: no persistence or retention' },
      },
    ]);
    expect(graph.nodes).toContainEqual({ id: 'broker', kind: 'broker', public: false, shape: 'hexagon' });
    const events = (graph.edges as Array<{ from: string; to: string; protocol: string }>).filter(
      (e) => e.protocol === 'events',
    );
    expect(events).toContainEqual({ from: 'articles', to: 'broker', protocol: 'events' });
    expect(events).toContainEqual({ from: 'broker', to: 'views', protocol: 'events' });
    expect(events.every((e) => e.from === 'broker' || e.to === 'broker')).toBe(true);
    expect(experiments).toEqual([
      {
        name: 'views-down',
        title: expect.any(String),
        kind: 'fault',
        fault: { kind: 'kill', processes: ['views'] },
      },
      {
        name: 'broker-away',
        title: expect.any(String),
        kind: 'fault',
        fault: { kind: 'cut-infrastructure', name: 'broker' },
      },
      {
        name: 'lost-answer',
        title: expect.any(String),
        kind: 'fault',
        fault: expect.objectContaining({ kind: 'lose-answers' }),
      },
    ]);
    const monolith = await fixture.app.inject({ url: '/api/patterns/monolith', headers: { host: HOST } });
    expect(monolith.json().infrastructureChoices.map((c: { kind: string }) => c.kind)).toEqual(['database']);
  });

  it('when a pattern is unknown, then starting it is a 404', async () => {
    const headers = { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN };
    expect((await post('/api/patterns/nope/start', headers)).statusCode).toBe(404);
    expect(fixture.calls).toEqual([]);
  });

  it('when every stage is built, then each can be started, the service mesh too', async () => {
    expect(PATTERN_SLUGS.filter((slug) => !isRunnable(slug))).toEqual([]);
    const headers = { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN };
    expect((await post('/api/patterns/service-mesh/start', headers)).statusCode).toBe(200);
    expect(fixture.calls).toEqual(['start service-mesh']);
  });

  it(`when a stage is not built yet (${UNBUILT}, played so), then starting it is a 404 and its page has no topology`, async () => {
    await withUnbuiltStage();
    const headers = { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN };
    const refused = await post(`/api/patterns/${UNBUILT}/start`, headers);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual({ error: `pattern "${UNBUILT}" is not built yet` });
    expect(fixture.calls).toEqual([]);
    const page = await fixture.app.inject({ url: `/api/patterns/${UNBUILT}`, headers: { host: HOST } });
    expect(page.json()).toMatchObject({ graph: null, experiments: [], exercise: null });
  });

  it('when a stage is marked done and undone, then the progress store and the roadmap say so', async () => {
    const headers = { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN };
    const done = await post('/api/roadmap/layered/done', headers);
    expect(done.statusCode).toBe(200);
    expect(fixture.progress.markOf('layered').done).toBe(true);
    const roadmap = await fixture.app.inject({ url: '/api/roadmap', headers: { host: HOST } });
    const stages = roadmap.json().stages as Array<{ slug: string; status: string; difficulty: string }>;
    expect(stages.map((s) => s.slug)).toEqual([
      'monolith',
      'layered',
      'hexagonal',
      'soa',
      'microservices',
      'event-driven',
      'serverless',
      'service-mesh',
    ]);
    expect(stages.find((s) => s.slug === 'layered')?.status).toBe('done (marked)');
    await post('/api/roadmap/layered/undo', headers);
    expect(fixture.progress.markOf('layered').done).toBe(false);
  });

  it('when the monolith is asked for, then its graph has the client, the process, the database and protocols', async () => {
    const response = await fixture.app.inject({ url: '/api/patterns/monolith', headers: { host: HOST } });
    const { graph, readme } = response.json();
    expect(
      graph.nodes.map((n: { id: string; kind: string; shape: string }) => `${n.id}:${n.kind}:${n.shape}`),
    ).toEqual(['client:client:ellipse', 'app:process:round-rectangle', 'db:database:barrel']);
    expect(graph.edges).toContainEqual({ from: 'app', to: 'db', protocol: 'sql' });
    expect(readme).toMatch(/## What it is\s+The whole Conduit API in \*\*one deployable\*\*/);
  });

  it('when an experiment the topology does not declare is asked for, then 404; a declared one while stopped, 409', async () => {
    const headers = { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN };
    expect((await post('/api/patterns/monolith/experiments/nope', headers)).statusCode).toBe(404);
    expect((await post('/api/patterns/monolith/experiments/comments-down', headers)).statusCode).toBe(409);
    expect(fixture.calls).toEqual([]);
  });

  it('when any built pattern’s stage page is asked for, then it offers a failure experiment to run', async () => {
    const offered = new Map<string, string[]>();
    for (const slug of runnablePatterns()) {
      const page = await fixture.app.inject({ url: `/api/patterns/${slug}`, headers: { host: HOST } });
      offered.set(
        slug,
        (page.json().experiments as Array<{ name: string }>).map((e) => e.name),
      );
    }
    expect([...offered].filter(([, names]) => names.length === 0).map(([slug]) => slug)).toEqual([]);
    for (const slug of ['monolith', 'layered', 'hexagonal', 'microservices'])
      expect(offered.get(slug)).toContain('comments-down');
    // A lost answer is a network fault, not a design's: every pattern is put to it.
    expect([...offered].filter(([, names]) => !names.includes('lost-answer')).map(([slug]) => slug)).toEqual(
      [],
    );
  });

  it('when the conformance suite is asked for while the pattern is stopped, then 409', async () => {
    const response = await post('/api/patterns/monolith/conformance', {
      origin: OWN_ORIGIN,
      [TOKEN_HEADER]: TOKEN,
    });
    expect(response.statusCode).toBe(409);
  });

  describe('the stage page bench', () => {
    const headers = { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN };

    it('when a bench is posted from another origin or without the token, then it is refused and none runs', async () => {
      const crossOrigin = await post('/api/patterns/monolith/bench', {
        origin: 'http://evil.example',
        [TOKEN_HEADER]: TOKEN,
      });
      expect(crossOrigin.statusCode).toBe(403);
      expect((await post('/api/patterns/monolith/bench', { origin: OWN_ORIGIN })).statusCode).toBe(401);
      expect(fixture.calls).toEqual([]);
    });

    it('when a bench runs, then a second one is a 409 until it finishes, and the pattern page shows the result', async () => {
      const first = await post('/api/patterns/monolith/bench', headers);
      expect(first.statusCode).toBe(202);
      expect(first.json()).toMatchObject({
        pattern: 'monolith',
        state: 'running',
        settings: {
          rounds: 1,
          durationSec: 3,
          warmupSec: 1,
          users: 20,
          articles: 200,
          only: ['list', 'article', 'publish'],
        },
      });
      expect((await post('/api/patterns/layered/bench', headers)).statusCode).toBe(409);
      fixture.benches[0]!.finish();
      await expect
        .poll(async () => {
          const page = await fixture.app.inject({ url: '/api/patterns/monolith', headers: { host: HOST } });
          return page.json().bench?.state;
        })
        .toBe('finished');
      const page = await fixture.app.inject({ url: '/api/patterns/monolith', headers: { host: HOST } });
      expect(page.json().bench).toMatchObject({ file: '/fake/monolith.json', error: null });
      expect(page.json().bench.report.rows).toHaveLength(1);
      expect((await post('/api/patterns/layered/bench', headers)).statusCode).toBe(202);
      expect(fixture.calls).toEqual(['bench monolith', 'bench layered']);
    });

    it('when a bench reports seeding and rows, then the event stream carries them', async () => {
      const address = await fixture.app.listen({ port: 0, host: '127.0.0.1' });
      const events = await fetch(`${address}/api/events`);
      const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
      const started = await fetch(`${address}/api/patterns/monolith/bench`, {
        method: 'POST',
        headers: { origin: address, [TOKEN_HEADER]: TOKEN },
      });
      expect(started.status).toBe(202);
      const bench = fixture.benches[0]!;
      bench.progress('seeding monolith', { done: 10, total: 220 });
      bench.progress('round 1/1 [1/3] monolith GET /api/articles?limit=20 (3s)');
      bench.finish();
      const seen: Array<{ state: string; seed: unknown; progress: string[] }> = [];
      let buffer = '';
      while (seen.at(-1)?.state !== 'finished') {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const messages = buffer.split('\n\n');
        buffer = messages.pop()!;
        for (const message of messages.filter((m) => m.startsWith('data: '))) {
          const event = JSON.parse(message.slice('data: '.length));
          if (event.kind === 'bench') seen.push(event.run);
        }
      }
      await reader.cancel();
      expect(seen.some((run) => JSON.stringify(run.seed) === '{"done":10,"total":220}')).toBe(true);
      expect(seen.at(-1)).toMatchObject({
        state: 'finished',
        progress: ['round 1/1 [1/3] monolith GET /api/articles?limit=20 (3s)'],
      });
    });
  });

  describe('the code figures', () => {
    it('when the compare view asks for two patterns, then it gets their structural figures without running tests', async () => {
      const response = await fixture.app.inject({
        url: '/api/compare/code?patterns=monolith,layered',
        headers: { host: HOST },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().patterns).toEqual([
        { pattern: 'monolith', sources: ['src'], files: 10, codeLines: 100, structure: [], violations: 0 },
        { pattern: 'layered', sources: ['src'], files: 11, codeLines: 101, structure: [], violations: 0 },
      ]);
      expect(fixture.calls).toEqual(['code figures monolith,layered']);
    });

    it('when no pattern or an unknown one is named, then 400 or 404', async () => {
      const ask = (query: string) =>
        fixture.app.inject({ url: `/api/compare/code${query}`, headers: { host: HOST } });
      expect((await ask('')).statusCode).toBe(400);
      expect((await ask('?patterns=monolith,nope')).statusCode).toBe(404);
      expect(fixture.calls).toEqual([]);
    });

    it(`when a stage not built yet (${UNBUILT}, played so) is named, then 404`, async () => {
      await withUnbuiltStage();
      const response = await fixture.app.inject({
        url: `/api/compare/code?patterns=${UNBUILT}`,
        headers: { host: HOST },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: `no built pattern named ${UNBUILT}` });
      expect(fixture.calls).toEqual([]);
    });

    it('when the unit tests are asked for, then only with the token, and the figures include them', async () => {
      const url = '/api/compare/unit-tests?patterns=layered';
      expect((await post(url, { origin: OWN_ORIGIN })).statusCode).toBe(401);
      const response = await post(url, { origin: OWN_ORIGIN, [TOKEN_HEADER]: TOKEN });
      expect(response.statusCode).toBe(200);
      expect(response.json().patterns[0].unitTests).toMatchObject({ tests: 3, passed: 3 });
      expect(fixture.calls).toEqual(['code figures layered with unit tests']);
    });
  });
});
