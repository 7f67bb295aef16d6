import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineTopology, type InfrastructureSpec, type Topology, TopologyError } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import {
  choiceFor,
  INFRASTRUCTURE_KINDS,
  infrastructureKind,
  infrastructureProblems,
  type Provisioned,
  probeInfrastructure,
  usesKind,
  validateInfrastructure,
} from '../src/index.js';

const withInfrastructure = (...infrastructure: InfrastructureSpec[]): Topology =>
  defineTopology({
    id: 'registry-fixture',
    title: 'one process and its infrastructure',
    processes: [
      { name: 'app', command: ['node', 'app.js'], portEnv: 'PORT', health: '/health', public: true },
    ],
    infrastructure,
    edges: [],
  });

const piece = (kind: string, choice: string, url: string): Provisioned => ({
  name: kind,
  kind,
  choice,
  url,
  describe: url,
  env: {},
  dispose: async () => {},
});

describe('infrastructure kinds', () => {
  it('when the registry is read, then it holds the database and the broker, each with choices, a flag and a shape', () => {
    expect(
      [...INFRASTRUCTURE_KINDS.values()].map(({ kind, choices, defaultChoice, flag, diagramShape }) => ({
        kind,
        choices,
        defaultChoice,
        flag,
        diagramShape,
      })),
    ).toEqual([
      {
        kind: 'database',
        choices: ['sqlite', 'postgres'],
        defaultChoice: 'sqlite',
        flag: 'db',
        diagramShape: 'barrel',
      },
      {
        kind: 'broker',
        choices: ['embedded', 'rabbitmq', 'nats', 'kafka'],
        defaultChoice: 'embedded',
        flag: 'broker',
        diagramShape: 'hexagon',
      },
    ]);
  });

  it('when a topology declares a kind nobody registered, then validation names it and the known kinds', () => {
    const topology = withInfrastructure({ name: 'cache', kind: 'redis', urlEnv: 'CACHE_URL' });
    expect(() => validateInfrastructure(topology)).toThrow(TopologyError);
    expect(() => validateInfrastructure(topology)).toThrow(
      /"cache" is of unknown kind "redis"; known kinds: database, broker/,
    );
    expect(() => infrastructureKind('redis')).toThrow(
      /unknown infrastructure kind "redis"; known kinds: database, broker/,
    );
  });

  it('when a database declares consumer groups, then its kind refuses them; a broker takes them', () => {
    expect(
      infrastructureProblems(
        withInfrastructure(
          { name: 'db', kind: 'database', urlEnv: 'DATABASE_URL', groups: ['views'] },
          { name: 'events', kind: 'broker', urlEnv: 'BROKER_URL', groups: ['views'] },
        ),
      ),
    ).toEqual(['"db" has consumer groups, which a database has not']);
  });

  it('when a topology uses a kind, then usesKind says so for that kind only', () => {
    const topology = withInfrastructure({ name: 'db', kind: 'database', urlEnv: 'DATABASE_URL' });
    expect(usesKind(topology, 'database')).toBe(true);
    expect(usesKind(topology, 'broker')).toBe(false);
  });

  it('when no choice is given for a kind, then it gets its default; a choice it does not offer is refused with its flag', () => {
    const broker = infrastructureKind('broker');
    expect(choiceFor(broker, {})).toBe('embedded');
    expect(choiceFor(broker, { broker: 'nats', database: 'postgres' })).toBe('nats');
    expect(() => choiceFor(broker, { broker: 'pulsar' })).toThrow(
      /no broker "pulsar"; choose one of embedded, rabbitmq, nats, kafka \(--broker\)/,
    );
  });

  it("when an entry declares its own default, then it wins over the kind's and a named choice wins over both", () => {
    const database = infrastructureKind('database');
    expect(choiceFor(database, {}, {})).toBe('sqlite');
    expect(choiceFor(database, {}, { defaultChoice: 'postgres' })).toBe('postgres');
    expect(choiceFor(database, { database: 'sqlite' }, { defaultChoice: 'postgres' })).toBe('sqlite');
  });

  it('when an entry defaults to a choice its kind does not offer, then validation refuses it, naming the offered ones', () => {
    expect(
      infrastructureProblems(
        withInfrastructure({ name: 'db', kind: 'database', urlEnv: 'DATABASE_URL', defaultChoice: 'mysql' }),
      ),
    ).toEqual(['"db" defaults to database "mysql", which is not one of sqlite, postgres']);
    expect(
      infrastructureProblems(
        withInfrastructure({
          name: 'db',
          kind: 'database',
          urlEnv: 'DATABASE_URL',
          defaultChoice: 'postgres',
        }),
      ),
    ).toEqual([]);
  });
});

describe('probing provisioned infrastructure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'journey-probe-'));

  it('when a SQLite file or an embedded log is there, then the probe is healthy and reports its size', async () => {
    const file = join(dir, 'app.sqlite');
    writeFileSync(file, 'x'.repeat(10));
    expect(await probeInfrastructure(piece('database', 'sqlite', file))).toEqual({
      healthy: true,
      detail: 'file present',
      fileBytes: 10,
      listensOn: null,
    });
    expect(await probeInfrastructure(piece('broker', 'embedded', `embedded:${file}`))).toMatchObject({
      healthy: true,
      fileBytes: 10,
    });
  });

  it('when the file is gone, then the probe is unhealthy and says why', async () => {
    expect(await probeInfrastructure(piece('database', 'sqlite', join(dir, 'gone.sqlite')))).toEqual({
      healthy: false,
      detail: 'ENOENT',
      fileBytes: null,
      listensOn: null,
    });
  });

  it('when a server refuses connections, then the probe is unhealthy and names where it listens', async () => {
    // Port 1 is privileged and unused here: the connection is refused at once.
    const probe = await probeInfrastructure(piece('broker', 'nats', 'nats://127.0.0.1:1'));
    expect(probe).toEqual({
      healthy: false,
      detail: 'ECONNREFUSED',
      fileBytes: null,
      listensOn: { host: '127.0.0.1', port: 1 },
    });
  });

  it('when a server URL names no port, then the probe uses the choice default port', async () => {
    const probe = await probeInfrastructure(piece('broker', 'rabbitmq', 'amqp://guest:guest@127.0.0.1'));
    expect(probe.listensOn).toEqual({ host: '127.0.0.1', port: 5672 });
  });
});
