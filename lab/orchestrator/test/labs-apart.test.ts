import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RABBITMQ_URL, removeNamespace } from '@journey/broker';
import { labId } from '@journey/platform';
import { POSTGRES_ADMIN_URL } from '@journey/provisioning';
import { postgres, rabbitmq } from '@journey/testkit';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTopology, type Supervisor, startTopology } from '../src/index.js';

// Two learners on one machine: each lab is its own JOURNEY_HOME, both on the machine's PostgreSQL and RabbitMQ.
const homes = [1, 2].map((n) => mkdtempSync(join(tmpdir(), `journey-lab-${n}-`)));
const needs = await Promise.all([postgres(), rabbitmq(DEFAULT_RABBITMQ_URL)]);
const missing = needs.find((need) => !need.available);

/** A persistent run as `journey up` starts it, in the lab whose data dir is `home` (the data dir is read at call time). */
async function startInLab(home: string): Promise<Supervisor> {
  process.env.JOURNEY_HOME = home;
  return startTopology(await loadTopology('event-driven'), {
    db: 'postgres',
    broker: 'rabbitmq',
    fresh: false,
  });
}

/** Removes what a persistent run keeps (its databases, its broker namespace): a test run must leave nothing behind. */
async function removeLab(running: Supervisor): Promise<void> {
  await running.stop();
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    for (const database of running.ofKind('database'))
      await admin.query(`drop database if exists "${new URL(database.url).pathname.slice(1)}" with (force)`);
  } finally {
    await admin.end();
  }
  const groups = running.topology.infrastructure.flatMap((spec) => spec.groups ?? []);
  for (const broker of running.ofKind('broker')) await removeNamespace(broker.url, broker.namespace!, groups);
}

/** The parts of Conduit's answers this test reads. */
interface Answer {
  status: number;
  body: { user?: { token: string }; articles?: unknown[]; articlesCount?: number } | null;
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Answer> {
  const response = await fetch(`${base}/api${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Token ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as Answer['body'] };
}

describe.skipIf(missing !== undefined)(
  `two labs on one machine${missing ? ` (${missing.reason})` : ''}`,
  { timeout: 600_000 },
  () => {
    const running: Supervisor[] = [];
    afterAll(async () => {
      for (const run of running) await removeLab(run);
      for (const home of homes) rmSync(home, { recursive: true, force: true });
    });

    it("when two labs run event-driven on the same PostgreSQL and RabbitMQ, then each has its own databases, namespace and secret, and neither sees the other's writes", async () => {
      for (const home of homes) running.push(await startInLab(home));
      const [first, second] = running as [Supervisor, Supervisor];

      const ids = homes.map((home) => labId({ JOURNEY_HOME: home }));
      const databases = running.map((run) =>
        run.ofKind('database').map((db) => new URL(db.url).pathname.slice(1)),
      );
      for (const [lab, names] of databases.entries())
        for (const name of names) expect(name).toMatch(new RegExp(`^journey_${ids[lab]}_event_driven_`));
      expect(running.map((run) => run.ofKind('broker')[0]!.namespace)).toEqual(
        ids.map((id) => `journey_${id}_event_driven`),
      );

      const user = { username: 'only_in_lab_one', email: 'only@lab.one', password: 'a password of lab one' };
      const registered = await call(first.url, 'POST', '/users', { user });
      expect(registered.status).toBe(201);
      const token = registered.body!.user!.token;
      // Several writes: were the consumer groups' queues shared, the other lab's consumers would take some.
      const titles = ['first', 'second', 'third', 'fourth'].map((n) => `The ${n} article of lab one`);
      for (const title of titles) {
        const written = await call(
          first.url,
          'POST',
          '/articles',
          { article: { title, description: 'd', body: 'b' } },
          token,
        );
        expect(written.status).toBe(201);
      }
      await expect
        .poll(
          async () => (await call(first.url, 'GET', `/articles?author=${user.username}`)).body?.articlesCount,
          {
            timeout: 30_000,
          },
        )
        .toBe(titles.length);

      expect((await call(second.url, 'GET', '/articles')).body).toEqual({ articles: [], articlesCount: 0 });
      expect((await call(second.url, 'GET', `/profiles/${user.username}`)).status).toBe(404);
      const signIn = await call(second.url, 'POST', '/users/login', {
        user: { email: user.email, password: user.password },
      });
      expect(signIn.status).not.toBe(200);
      // Each lab signs with its own secret: the first lab's token means nothing to the second.
      expect((await call(second.url, 'GET', '/user', undefined, token)).status).toBe(401);
    });
  },
);
