import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  publishRun,
  readRunState,
  resolveTopologyOptions,
  type Supervisor,
  startTopology,
  switchPicking,
  withSwitchFor,
} from '../src/index.js';
import { fixtureTopology, optionsTopology } from './fixtures/fixture-topology.js';

process.env.JOURNEY_HOME = mkdtempSync(join(tmpdir(), 'journey-topology-options-'));

const topology = optionsTopology();

describe('topology options: resolving what was given', () => {
  it('when nothing is given, then a value option gets its first choice and a switch hands nothing', () => {
    expect(resolveTopologyOptions(topology)).toEqual({
      values: { flavour: 'plain' },
      env: { FIXTURE_FLAVOUR: 'plain' },
      choices: {},
    });
  });

  it('when a switch is given, then its env is true and it picks its infrastructure choice', () => {
    expect(
      resolveTopologyOptions(topology, { flavour: 'spicy', single: 'true' }, { broker: 'nats' }),
    ).toEqual({
      values: { flavour: 'spicy', single: 'true' },
      env: { FIXTURE_FLAVOUR: 'spicy', FIXTURE_SINGLE: 'true' },
      choices: { broker: 'nats', database: 'sqlite' },
    });
    expect(resolveTopologyOptions(topology, { single: 'false' }).values).toEqual({ flavour: 'plain' });
  });

  it('when an option is unknown or a value not offered, then the error names what is allowed', () => {
    expect(() => resolveTopologyOptions(topology, { platform: 'gcf' })).toThrow(
      'fixture-options has no option --platform; its options: --flavour, --single',
    );
    expect(() => resolveTopologyOptions(fixtureTopology(), { single: 'true' })).toThrow(
      'fixture has no option --single; it has no options',
    );
    expect(() => resolveTopologyOptions(topology, { flavour: 'sweet' })).toThrow(
      `fixture-options's --flavour must be one of plain, spicy, not "sweet"`,
    );
    expect(() => resolveTopologyOptions(topology, { single: 'yes' })).toThrow(
      `fixture-options's --single must be one of true, false, not "yes"`,
    );
  });

  it('when a switch picks another choice than the one named for its kind, then it is refused naming both flags', () => {
    expect(() => resolveTopologyOptions(topology, { single: 'true' }, { database: 'postgres' })).toThrow(
      "fixture-options's --single runs its database on sqlite; it cannot be combined with --db postgres",
    );
    expect(resolveTopologyOptions(topology, { single: 'true' }, { database: 'sqlite' }).choices).toEqual({
      database: 'sqlite',
    });
  });

  it('when asked for the switch that runs a choice, then it finds it, and nothing for a choice none picks', () => {
    expect(switchPicking(topology, 'database', 'sqlite')?.name).toBe('single');
    expect(switchPicking(topology, 'database', 'postgres')).toBeUndefined();
  });

  it('when every pattern of a run shares one database, then the switch that choice needs joins the given options', () => {
    expect(withSwitchFor(topology, 'sqlite', { flavor: 'x' })).toEqual({ flavor: 'x', single: 'true' });
    expect(withSwitchFor(topology, 'postgres', { flavor: 'x' })).toEqual({ flavor: 'x' });
    expect(withSwitchFor(fixtureTopology(), 'sqlite')).toEqual({});
  });

  it('when started with an option the topology does not declare, then nothing starts', async () => {
    await expect(
      startTopology(topology, { fresh: true, options: { flavor: 'plain' }, log: () => {} }),
    ).rejects.toThrow('fixture-options has no option --flavor');
  });
});

describe('topology options: a started topology', () => {
  let supervisor: Supervisor;
  const env = async (name: string) =>
    ((await (await fetch(`${supervisor.url}/env/${name}`)).json()) as { value: string | null }).value;

  beforeAll(async () => {
    // --single runs the database, which defaults to PostgreSQL, on SQLite: no server is needed.
    supervisor = await startTopology(topology, {
      fresh: true,
      runDir: join(process.env.JOURNEY_HOME!, 'run', topology.id),
      options: { single: 'true' },
      env: { EXTRA_SETTING: '7', FIXTURE_FLAVOUR: 'overridden' },
      graceMs: 3_000,
      log: () => {},
    });
  });
  afterAll(() => supervisor?.stop());

  it('when started, then every process gets the options and the extra env, the extra env winning', async () => {
    expect(await env('FIXTURE_SINGLE')).toBe('true');
    expect(await env('EXTRA_SETTING')).toBe('7');
    expect(await env('FIXTURE_FLAVOUR')).toBe('overridden');
  });

  it("when the switch picks SQLite, then the database runs on it despite the entry's PostgreSQL default", () => {
    expect(supervisor.running().infrastructure).toEqual([
      { name: 'db', kind: 'database', choice: 'sqlite', url: expect.stringMatching(/db\.sqlite$/) },
    ]);
    expect(supervisor.running().processes).toEqual([{ name: 'app', url: supervisor.url }]);
  });

  it('when published, then the run state records the option values, defaults included', async () => {
    const published = await publishRun(supervisor);
    try {
      expect(readRunState(topology.id)?.options).toEqual({ flavour: 'plain', single: 'true' });
    } finally {
      await published.close();
    }
  });

  it('when a process is restarted, then it gets the same environment again', async () => {
    const before = supervisor.snapshot()[0]!.pid;
    await supervisor.restart('app');
    expect(supervisor.snapshot()[0]!.pid).not.toBe(before);
    expect(await env('FIXTURE_SINGLE')).toBe('true');
    expect(await env('EXTRA_SETTING')).toBe('7');
  });
});
