import { once } from 'node:events';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { ConduitClient, Reply } from '@journey/conformance';
import { defineTopology, type Topology } from '@journey/topology';
import { afterEach, describe, expect, it } from 'vitest';
import { answerDroppingProxy } from '../src/experiments/faults/answer-dropping-proxy.js';
import { type FaultControl, FaultRefused, prepareFault } from '../src/experiments/faults/index.js';
import { emptyLedger, type ProbeFixture, probes, type WriteAnswer } from '../src/experiments/probes.js';
import { auditUntilConverged, auditWrites, type StoredWrites } from '../src/experiments/write-audit.js';
import { repoRoot } from '../src/repo-root.js';
import { fixtureTopology } from './fixtures/fixture-topology.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server that counts the requests it handled, answering each with its number. */
async function countingServer() {
  let handled = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.once('end', () => response.end(JSON.stringify({ handled: ++handled })));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(async () => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, handled: () => handled };
}

describe('the answer-dropping proxy', () => {
  it('when dropping, then the server handles every request but the client of every nth matching one gets no answer', async () => {
    const server = await countingServer();
    const proxy = await answerDroppingProxy(server.url, { method: 'POST', path: '/api/articles', every: 2 });
    closers.push(proxy.close);
    const post = (path: string) =>
      fetch(`${proxy.url}${path}`, { method: 'POST', body: '{}' }).then(
        (reply) => reply.status,
        () => 'no answer',
      );

    expect(await post('/api/articles')).toBe(200);
    proxy.startDropping();
    const answers = [
      await post('/api/articles'),
      await post('/api/articles?x=1'),
      await post('/api/articles/slug/comments'),
      await post('/api/articles'),
    ];
    proxy.stopDropping();
    expect(await post('/api/articles')).toBe(200);

    expect(answers).toEqual([200, 'no answer', 200, 200]);
    expect(proxy.lost()).toBe(1);
    expect(server.handled()).toBe(6);
  });
});

const fixture: ProbeFixture = {
  author: { username: 'author', token: 'a' },
  reader: { username: 'reader', token: 'r' },
  slug: 'pinned',
  run: 'run1',
};
const articlesProbe = probes.find((probe) => probe.capability === 'articles')!;
const PUBLISHING_SEQUENCE = 2;

/** A client whose CreateArticle answers, in turn, with the given outcomes; it records the keys it was sent. */
function scriptedClient(outcomes: Array<number | 'no answer'>) {
  const keys: string[] = [];
  const client = {
    async call(_op: string, options: { headers: Record<string, string> }): Promise<Reply> {
      keys.push(options.headers['idempotency-key']!);
      const outcome = outcomes.shift();
      if (outcome === 'no answer') throw new Error('got no answer');
      return {
        request: 'POST /api/articles',
        status: outcome!,
        text: '{"errors":{"views":["down"]}}',
        headers: {},
        body: undefined,
      };
    },
  };
  return { client: client as unknown as ConduitClient, keys };
}

describe('the publishing probe', () => {
  it('when the answer is lost, then it sends the same request again with the same key, and records what the retry was told', async () => {
    const ledger = emptyLedger();
    const { client, keys } = scriptedClient(['no answer', 201]);
    const reply = await articlesProbe.run(client, fixture, ledger, PUBLISHING_SEQUENCE);
    expect(reply.status).toBe(201);
    expect(keys).toEqual(['run1-2', 'run1-2']);
    expect([...ledger.articles]).toEqual([['probe run1 2', { kind: 'acknowledged' }]]);
  });

  it('when an error is answered, then it does not retry and records the refusal with what was said', async () => {
    const ledger = emptyLedger();
    const { client, keys } = scriptedClient([503]);
    await articlesProbe.run(client, fixture, ledger, PUBLISHING_SEQUENCE);
    expect(keys).toHaveLength(1);
    expect(ledger.articles.get('probe run1 2')).toEqual({
      kind: 'refused',
      said: '503 {"errors":{"views":["down"]}}',
    });
  });

  it('when the retry gets no answer either, then the write is recorded as unanswered and the failure reported', async () => {
    const ledger = emptyLedger();
    const { client } = scriptedClient(['no answer', 'no answer']);
    await expect(articlesProbe.run(client, fixture, ledger, PUBLISHING_SEQUENCE)).rejects.toThrow(
      'no answer',
    );
    expect(ledger.articles.get('probe run1 2')).toEqual({ kind: 'unanswered' });
  });
});

describe('the write audit', () => {
  const ledger = emptyLedger();
  ledger.articles.set('acked', { kind: 'acknowledged' });
  ledger.articles.set('acked twice', { kind: 'acknowledged' });
  ledger.articles.set('refused', { kind: 'refused', said: '503 down' });
  ledger.articles.set('refused, not stored', { kind: 'refused', said: '422 invalid' });
  ledger.articles.set('unanswered', { kind: 'unanswered' });
  ledger.comments.set('acked comment', { kind: 'acknowledged' });
  ledger.acknowledgedFavorite = true;

  it('when everything acknowledged is stored once and nothing refused is, then it finds nothing', () => {
    expect(
      auditWrites(ledger, {
        articleTitles: ['acked', 'acked twice', 'unanswered', 'not a probe write'],
        commentBodies: ['acked comment'],
        favorited: true,
      }),
    ).toEqual({ lost: [], committedDespiteError: [], duplicated: [] });
  });

  it('when writes are missing, stored despite an error, or stored twice, then each is named', () => {
    expect(
      auditWrites(ledger, {
        articleTitles: ['acked twice', 'acked twice', 'refused', 'unanswered', 'unanswered'],
        commentBodies: [],
        favorited: false,
      }),
    ).toEqual({
      lost: ['article "acked"', 'comment "acked comment"', 'favorite: acknowledged true, stored false'],
      committedDespiteError: ['article "refused", answered 503 down'],
      duplicated: ['article "acked twice" ×2', 'article "unanswered" ×2'],
    });
  });
});

describe('the write audit of the favorite toggle', () => {
  const stored: StoredWrites = { articleTitles: [], commentBodies: [], favorited: true };
  const toggled = (answer: WriteAnswer) => {
    const ledger = emptyLedger();
    ledger.acknowledgedFavorite = false;
    ledger.lastFavorite = { favorited: true, answer };
    return auditWrites(ledger, stored);
  };

  it('when a favorite after the last acknowledged unfavorite got no answer and was stored, then nothing is found', () => {
    expect(toggled({ kind: 'unanswered' })).toEqual({ lost: [], committedDespiteError: [], duplicated: [] });
  });

  it('when it was refused and stored anyway, then it is an error answered for a committed write', () => {
    expect(toggled({ kind: 'refused', said: '503 down' })).toEqual({
      lost: [],
      committedDespiteError: ['favorite, answered 503 down'],
      duplicated: [],
    });
  });

  it('when the last toggle was acknowledged and the store disagrees, then the acknowledged state was lost', () => {
    const ledger = emptyLedger();
    ledger.acknowledgedFavorite = false;
    ledger.lastFavorite = { favorited: false, answer: { kind: 'acknowledged' } };
    expect(auditWrites(ledger, stored).lost).toEqual(['favorite: acknowledged false, stored true']);
  });
});

describe('waiting for the read side', () => {
  const ledger = emptyLedger();
  ledger.articles.set('acked', { kind: 'acknowledged' });
  const behind: StoredWrites = { articleTitles: [], commentBodies: [], favorited: undefined };
  const caughtUp: StoredWrites = { ...behind, articleTitles: ['acked'] };

  it('when the read side catches up, then the audit is taken from the converged view', async () => {
    const views = [behind, behind, caughtUp];
    const { audit, convergedMs } = await auditUntilConverged(async () => views.shift()!, ledger, 60_000);
    expect(audit.lost).toEqual([]);
    expect(views).toEqual([]);
    expect(convergedMs).toBeDefined();
  });

  it('when it never does, then what is missing is reported as lost and no convergence time is given', async () => {
    const { audit, convergedMs } = await auditUntilConverged(async () => behind, ledger, 0);
    expect(audit.lost).toEqual(['article "acked"']);
    expect(convergedMs).toBeUndefined();
  });

  it('when the writes cannot be read back, then that is what is reported', async () => {
    const { audit } = await auditUntilConverged(
      () => Promise.reject(new Error('listing articles answered 503')),
      ledger,
      0,
    );
    expect(audit.lost).toEqual(['the writes could not be read back: listing articles answered 503']);
  });
});

const withBroker: Topology = defineTopology({
  id: 'example',
  title: 'Example',
  processes: [{ name: 'app', command: ['node'], portEnv: 'PORT', health: '/health', public: true }],
  infrastructure: [{ name: 'broker', kind: 'broker', urlEnv: 'BROKER_URL' }],
  edges: [],
});

/** A control for faults that never touch a process. */
const untouchedControl: FaultControl = {
  kill: () => Promise.reject(new Error('not expected to kill')),
  restart: () => Promise.reject(new Error('not expected to restart')),
  running: () => {
    throw new Error('not expected to ask where the copy runs');
  },
};

describe('cutting infrastructure off', () => {
  it('when the broker is a file the processes open, then the fault is refused, naming the choices that have a connection', async () => {
    await expect(
      prepareFault({ kind: 'cut-infrastructure', name: 'broker' }, { topology: withBroker, choices: {} }),
    ).rejects.toThrow(
      new FaultRefused(
        'the broker "broker" runs as "embedded": a file the processes open on this machine, with no connection ' +
          'to cut. Run the experiment on a server: --broker rabbitmq or --broker nats.',
      ),
    );
  });

  it('when the broker is a server, then the copy is started against a local proxy with the same credentials', async () => {
    const fault = await prepareFault(
      { kind: 'cut-infrastructure', name: 'broker' },
      { topology: withBroker, choices: { broker: 'rabbitmq' } },
    );
    closers.push(fault.close);
    const through = new URL(fault.servers!.broker!);
    expect(through.protocol).toBe('amqp:');
    expect(through.hostname).toBe('127.0.0.1');
    expect(through.port).not.toBe('5672');
    expect(through.username).toBe('guest');
    // Nothing was connected when the cut came: the run shows no fault and says so.
    await fault.inject(untouchedControl);
    expect(fault.problems()).toEqual([
      'no process was connected to broker through the proxy: nothing was cut',
    ]);
  });
});

describe('killing processes', () => {
  it('kills each when injected and restarts each when lifted, in the declared order', async () => {
    const calls: string[] = [];
    // What the supervisor answers (a snapshot of the process) is not the fault's business.
    const control: FaultControl = {
      async kill(name) {
        calls.push(`kill ${name}`);
        return undefined as never;
      },
      async restart(name) {
        calls.push(`restart ${name}`);
        return undefined as never;
      },
      running: untouchedControl.running,
    };
    const fault = await prepareFault(
      { kind: 'kill', processes: ['views', 'gateway'] },
      {
        topology: withBroker,
        choices: {},
      },
    );
    await fault.inject(control);
    await fault.lift(control);
    expect(calls).toEqual(['kill views', 'kill gateway', 'restart views', 'restart gateway']);
  });
});

describe("running the pattern's own command", () => {
  // The fixture pattern's pattern.ts declares `fixture-switch`, which says what it was handed.
  const setting = {
    topology: fixtureTopology(),
    choices: {},
    patternFolder: join(import.meta.dirname, 'fixtures', 'patterns', 'fixture'),
  };
  const file = 'lab/orchestrator/test/fixtures/patterns/fixture/pattern.ts';
  const copy: FaultControl = {
    ...untouchedControl,
    running: () => ({ url: 'http://127.0.0.1:7', processes: [{ name: 'front', url: 'http://127.0.0.1:7' }] }),
  };

  it('when injected and lifted, then each command runs on the copy being broken, a file of the repository handed by its full path', async () => {
    const fault = await prepareFault(
      { kind: 'command', inject: ['fixture-switch', 'on', file], lift: ['fixture-switch', 'off', file] },
      setting,
    );
    await fault.inject(copy);
    await fault.lift(copy);
    expect(fault.findings()).toEqual([
      `journey fixture-switch on ${file}: on at http://127.0.0.1:7 (1 processes), file ${join(repoRoot, file)}`,
      `journey fixture-switch off ${file}: off at http://127.0.0.1:7 (1 processes), file ${join(repoRoot, file)}`,
    ]);
    expect(fault.problems()).toEqual([]);
  });

  it('when the command exits non-zero, then injecting fails with its code and its output', async () => {
    const fault = await prepareFault(
      { kind: 'command', inject: ['fixture-switch', 'fail'], lift: ['fixture-switch', 'off', file] },
      setting,
    );
    await expect(fault.inject(copy)).rejects.toThrow(
      'journey fixture-switch fail exited with code 1:\n• switching fail\nthe switch is stuck',
    );
  });

  it('when the pattern declares no such command, then the fault is refused before any copy starts, naming those it has', async () => {
    await expect(
      prepareFault({ kind: 'command', inject: ['nope', 'on'], lift: ['fixture-switch', 'off'] }, setting),
    ).rejects.toThrow('fixture declares no command "nope" for its fault (it declares: fixture-switch)');
  });
});
