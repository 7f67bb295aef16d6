import { describe, expect, it } from 'vitest';
import { defineTopology, processUrlEnv, startOrder, type Topology, TopologyError } from '../src/index.js';

const process = (name: string, extra: Partial<Topology['processes'][number]> = {}) => ({
  name,
  command: ['node', `${name}.js`],
  portEnv: 'PORT',
  health: '/health',
  ...extra,
});

const base: Topology = {
  id: 'example',
  title: 'Example',
  processes: [
    process('gateway', { public: true, dependsOn: ['articles'] }),
    process('articles', { uses: ['db'] }),
  ],
  infrastructure: [{ name: 'db', kind: 'database', urlEnv: 'DATABASE_URL' }],
  edges: [
    { from: 'client', to: 'gateway', protocol: 'http' },
    { from: 'gateway', to: 'articles', protocol: 'http' },
    { from: 'articles', to: 'db', protocol: 'sql' },
  ],
};

describe('defineTopology', () => {
  it('when the topology is consistent, then it is returned as is', () => {
    expect(defineTopology(base)).toBe(base);
  });

  it('when a process depends on an unknown one, then the error names both', () => {
    const broken = { ...base, processes: [process('gateway', { public: true, dependsOn: ['comments'] })] };
    expect(() => defineTopology(broken)).toThrow(/"gateway" depends on unknown "comments"/);
  });

  it('when an experiment kills an unknown process or is declared twice, then both are named', () => {
    const experiment = { name: 'down', title: 'down', kill: ['comments'], expect: {}, lesson: '' };
    expect(() => defineTopology({ ...base, experiments: [experiment, experiment] })).toThrow(
      /experiment "down" kills unknown process "comments".*experiment "down" is declared twice/,
    );
  });

  it('when no process is public, then it is rejected', () => {
    expect(() => defineTopology({ ...base, processes: [process('a'), process('b')], edges: [] })).toThrow(
      TopologyError,
    );
  });

  it('when a database declares consumer groups, then it is rejected; a broker may', () => {
    const withGroups = (kind: 'database' | 'broker') =>
      defineTopology({
        ...base,
        infrastructure: [{ name: 'db', kind, urlEnv: 'DATABASE_URL', groups: ['views'] }],
      });
    expect(() => withGroups('database')).toThrow(/"db" has consumer groups but is no broker/);
    expect(withGroups('broker').infrastructure[0]!.groups).toEqual(['views']);
  });

  it('when an edge names an unknown node, then it is rejected', () => {
    expect(() =>
      defineTopology({ ...base, edges: [{ from: 'gateway', to: 'cache', protocol: 'http' }] }),
    ).toThrow(/gateway → cache/);
  });
});

describe('startOrder', () => {
  it('when processes depend on each other, then dependencies start first', () => {
    expect(startOrder(base).map((p) => p.name)).toEqual(['articles', 'gateway']);
  });

  it('when dependencies form a cycle, then the cycle is named', () => {
    const cyclic = {
      ...base,
      processes: [process('a', { public: true, dependsOn: ['b'] }), process('b', { dependsOn: ['a'] })],
      edges: [],
    };
    expect(() => startOrder(cyclic)).toThrow(/a → b → a/);
  });
});

describe('processUrlEnv', () => {
  it('when a process name has dashes, then its URL variable is upper case with underscores', () => {
    expect(processUrlEnv('comments')).toBe('COMMENTS_URL');
    expect(processUrlEnv('read-model')).toBe('READ_MODEL_URL');
  });
});
