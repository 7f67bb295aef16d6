import { loadRoadmap } from '@journey/roadmap';
import { defineTopology, type ProcessSpec } from '@journey/topology';
import { describe, expect, it } from 'vitest';
import {
  compareStages,
  formatMigration,
  previousBuiltStage,
  type StageMigration,
  stageMigration,
} from '../src/compare/migration.js';
import { isRunnable } from '../src/patterns.js';

const stages = ['first', 'second', 'third', 'fourth'].map((slug) => ({ slug }));

describe('the stage a migration starts from', () => {
  it('when every stage is built, then it is the one just before in the suggested order', () => {
    expect(previousBuiltStage(stages, 'third', () => true)).toEqual({ previous: 'second', skipped: [] });
  });

  it('when stages in between are not built, then it is the nearest built one and the others are named', () => {
    const built = (slug: string) => slug !== 'second' && slug !== 'third';
    expect(previousBuiltStage(stages, 'fourth', built)).toEqual({
      previous: 'first',
      skipped: ['second', 'third'],
    });
  });

  it('when nothing before it is built, then there is no previous stage', () => {
    expect(previousBuiltStage(stages, 'first', () => true)).toEqual({ skipped: [] });
    expect(previousBuiltStage(stages, 'second', (slug) => slug !== 'first')).toEqual({ skipped: [] });
  });

  it('when the stage is not in the roadmap, then the error lists the stages', () => {
    expect(() => previousBuiltStage(stages, 'fifth', () => true)).toThrow(
      'no stage "fifth" in the roadmap; stages: first, second, third, fourth',
    );
  });
});

const processOf = (name: string, extra: Partial<ProcessSpec> = {}): ProcessSpec => ({
  name,
  command: ['node', `${name}.ts`],
  portEnv: 'PORT',
  health: '/health',
  ...extra,
});

const oneProcess = defineTopology({
  id: 'before',
  title: 'one process',
  processes: [processOf('app', { public: true, uses: ['db'] })],
  infrastructure: [{ name: 'db', kind: 'database', urlEnv: 'DATABASE_URL' }],
  edges: [
    { from: 'client', to: 'app', protocol: 'http' },
    { from: 'app', to: 'db', protocol: 'sql' },
  ],
});

// Two copies of one spec (a gateway and its replica) are one thing to build and ship.
const split = defineTopology({
  id: 'after',
  title: 'split up',
  processes: [
    processOf('gateway', { public: true }),
    processOf('gateway-replica', { command: ['node', 'gateway.ts'] }),
    processOf('orders', { uses: ['orders-db', 'bus'] }),
    processOf('billing', { uses: ['billing-db', 'bus'] }),
  ],
  infrastructure: [
    { name: 'orders-db', kind: 'database', urlEnv: 'DATABASE_URL' },
    { name: 'billing-db', kind: 'database', urlEnv: 'DATABASE_URL' },
    { name: 'bus', kind: 'broker', urlEnv: 'BROKER_URL' },
  ],
  edges: [
    { from: 'client', to: 'gateway', protocol: 'http' },
    { from: 'gateway', to: 'orders', protocol: 'http' },
    { from: 'gateway', to: 'billing', protocol: 'http' },
    { from: 'orders', to: 'orders-db', protocol: 'sql' },
    { from: 'billing', to: 'billing-db', protocol: 'sql' },
    { from: 'orders', to: 'bus', protocol: 'events' },
    { from: 'bus', to: 'billing', protocol: 'events' },
  ],
});

describe('comparing two stages', () => {
  const migration = compareStages(
    { slug: 'before', topology: oneProcess, code: { files: 10, codeLines: 900 } },
    { slug: 'after', topology: split, code: { files: 30, codeLines: 2_400 } },
  );

  it('when one process is split up, then processes, deployable units, infrastructure and edges are counted by name', () => {
    expect(migration).toMatchObject({
      stage: 'after',
      previous: 'before',
      skipped: [],
      processes: {
        before: ['app'],
        after: ['gateway', 'gateway-replica', 'orders', 'billing'],
        added: ['gateway', 'gateway-replica', 'orders', 'billing'],
        removed: ['app'],
      },
      deployableUnits: { before: 1, after: 3 },
      infrastructure: [
        { kind: 'database', before: ['db'], after: ['orders-db', 'billing-db'], removed: ['db'] },
        { kind: 'broker', before: [], after: ['bus'], added: ['bus'] },
      ],
      edges: [
        { protocol: 'http', before: 1, after: 3, betweenProcesses: { before: 0, after: 2 } },
        { protocol: 'sql', before: 1, after: 2, betweenProcesses: { before: 0, after: 0 } },
        { protocol: 'events', before: 0, after: 2, betweenProcesses: { before: 0, after: 0 } },
      ],
      files: { before: 10, after: 30 },
      codeLines: { before: 900, after: 2_400 },
    });
  });

  it('then the plain lines say what came, what went and how the calls changed', () => {
    expect(migration.summary).toEqual([
      '1 process becomes 4: gateway, gateway-replica, orders, billing',
      '1 database becomes 2: orders-db, billing-db; one per process, none shared',
      '1 broker appears: bus',
      'calls between processes: 0 → 2 http edges',
      'sql edges: 1 → 2',
      'events edges: 0 → 2',
      'deployable units (built and shipped apart): 1 → 3',
      'code: 900 → 2,400 lines in 10 → 30 files (before → after)',
    ]);
  });

  it('when the way back is compared, then what was added reads as gone', () => {
    const back = compareStages(
      { slug: 'after', topology: split, code: { files: 30, codeLines: 2_400 } },
      { slug: 'before', topology: oneProcess, code: { files: 10, codeLines: 900 } },
    );
    expect(back.summary).toContain('1 broker goes: bus');
    expect(back.summary).toContain('calls between processes: 2 → 0 http edges');
  });

  it('when only the code differs, then the summary says the running system is the same', () => {
    const same = compareStages(
      { slug: 'before', topology: oneProcess, code: { files: 10, codeLines: 900 } },
      { slug: 'after', topology: { ...oneProcess, id: 'after' }, code: { files: 12, codeLines: 1_000 } },
    );
    expect(same.summary).toEqual([
      'the running system is the same (1 process, 1 database): what changes is inside the code',
      'code: 900 → 1,000 lines in 10 → 12 files (before → after)',
    ]);
  });

  it('when formatted, then the table marks each changed row and the skipped stages are named', () => {
    const text = formatMigration({ ...migration, skipped: ['between'] });
    expect(text).toContain(
      'From before to after (between comes between them but is not built yet, so after is compared with before)',
    );
    expect(text).toMatch(/processes\s+1 → 4 {2}\*/);
    expect(text).toMatch(/brokers\s+0 → 1 {2}\*/);
    expect(text).toContain('  • 1 broker appears: bus');
  });
});

describe('the migrations of the built stages', () => {
  const figures = new Map<string, StageMigration | undefined>();
  const migrationTo = async (slug: string) => {
    if (!figures.has(slug)) figures.set(slug, await stageMigration(slug));
    return figures.get(slug);
  };

  it('when the first stage is asked for, then there is nothing to compare it with', async () => {
    expect(await migrationTo('monolith')).toBeUndefined();
  });

  it('when the monolith becomes layered, then no process, database or edge changes: only the code does', async () => {
    const migration = (await migrationTo('layered'))!;
    expect(migration.previous).toBe('monolith');
    expect(migration.processes).toEqual({ before: ['app'], after: ['app'], added: [], removed: [] });
    expect(migration.deployableUnits).toEqual({ before: 1, after: 1 });
    expect(migration.infrastructure).toEqual([
      { kind: 'database', before: ['db'], after: ['db'], added: [], removed: [] },
    ]);
    expect(migration.edges.every((edge) => edge.before === edge.after)).toBe(true);
    expect(migration.summary[0]).toBe(
      'the running system is the same (1 process, 1 database): what changes is inside the code',
    );
    expect(migration.codeLines.before).toBeGreaterThan(0);
    expect(migration.codeLines.after).toBeGreaterThan(0);
  });

  it('when hexagonal becomes soa, then processes and calls between them appear over SOAP, on still one database', async () => {
    const migration = (await migrationTo('soa'))!;
    expect(migration.previous).toBe('hexagonal');
    expect(migration.skipped).toEqual([]);
    expect(migration.processes.before).toEqual(['app']);
    expect(migration.processes.after).toEqual(
      expect.arrayContaining(['registry', 'identity', 'publishing', 'engagement', 'bus']),
    );
    const databases = migration.infrastructure.find((change) => change.kind === 'database')!;
    expect(databases.before).toHaveLength(1);
    expect(databases.after).toHaveLength(1);
    const soap = migration.edges.find((edge) => edge.protocol === 'soap')!;
    expect(soap.betweenProcesses.before).toBe(0);
    expect(soap.betweenProcesses.after).toBe(3);
    expect(migration.summary[0]).toMatch(/^1 process becomes \d+: .*bus/);
  });

  it('when soa becomes microservices, then the one shared database becomes one per service and SOAP gives way to HTTP', async () => {
    const migration = (await migrationTo('microservices'))!;
    expect(migration.previous).toBe('soa');
    expect(migration.skipped).toEqual([]);
    expect(migration.processes.after).toEqual(
      expect.arrayContaining(['identity', 'profiles', 'articles', 'comments', 'gateway']),
    );
    expect(migration.processes.removed).toEqual(expect.arrayContaining(['bus', 'registry', 'publishing']));
    expect(migration.deployableUnits.after).toBe(migration.processes.after.length);
    const databases = migration.infrastructure.find((change) => change.kind === 'database')!;
    expect(databases.before).toHaveLength(1);
    expect(databases.after.length).toBeGreaterThanOrEqual(4);
    expect(migration.edges.find((edge) => edge.protocol === 'soap')).toMatchObject({ after: 0 });
  });

  it('when microservices becomes event-driven, then a broker appears and events edges with it', async () => {
    const migration = (await migrationTo('event-driven'))!;
    expect(migration.previous).toBe('microservices');
    expect(migration.skipped).toEqual([]);
    expect(migration.infrastructure.find((change) => change.kind === 'broker')).toMatchObject({
      before: [],
      added: ['broker'],
    });
    expect(migration.edges.find((edge) => edge.protocol === 'events')).toMatchObject({ before: 0 });
    expect(migration.summary).toContain('1 broker appears: broker');
  });

  // The service mesh is the last stage of the suggested order; the one before it, whichever that is.
  const stageBeforeMesh = () => {
    const slugs = loadRoadmap().map((stage) => stage.slug);
    return slugs[slugs.indexOf('service-mesh') - 1]!;
  };

  it('when the service mesh is asked for, then it is built and compared with the stage before it', async () => {
    expect(isRunnable('service-mesh')).toBe(true);
    expect(await migrationTo('service-mesh')).toMatchObject({
      stage: 'service-mesh',
      previous: stageBeforeMesh(),
      skipped: [],
    });
  });

  it('when a stage is not built or unknown, then the error says so', async () => {
    // Every stage is built now: the roadmap is played with the last one not built yet, as it once was.
    const allButMesh = (slug: string) => isRunnable(slug) && slug !== 'service-mesh';
    await expect(stageMigration('service-mesh', allButMesh)).rejects.toThrow(
      'stage "service-mesh" is not built yet',
    );
    await expect(stageMigration('mainframe')).rejects.toThrow('no stage "mainframe"');
  });

  it('when the stage before it is not built, then it is compared across it, which is named', async () => {
    const before = stageBeforeMesh();
    const withBeforeUnbuilt = (slug: string) => isRunnable(slug) && slug !== before;
    expect(await stageMigration('service-mesh', withBeforeUnbuilt)).toMatchObject({
      stage: 'service-mesh',
      skipped: [before],
    });
  });
});
