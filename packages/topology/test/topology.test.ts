import { describe, expect, it } from 'vitest';
import {
  defineTopology,
  type ExperimentSpec,
  type FaultSpec,
  isRequestResponse,
  processUrlEnv,
  startOrder,
  type Topology,
  TopologyError,
} from '../src/index.js';

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
    const experiment: ExperimentSpec = {
      name: 'down',
      title: 'down',
      fault: { kind: 'kill', processes: ['comments'] },
      expect: {},
      lesson: '',
    };
    expect(() => defineTopology({ ...base, experiments: [experiment, experiment] })).toThrow(
      /experiment "down" kills unknown process "comments".*experiment "down" is declared twice/,
    );
  });

  it('when a fault names unknown infrastructure, a malformed request or a count below one, then each is named', () => {
    const experiment = (name: string, fault: FaultSpec): ExperimentSpec => ({
      name,
      title: name,
      fault,
      expect: {},
      lesson: '',
    });
    const problems = () =>
      defineTopology({
        ...base,
        experiments: [
          experiment('away', { kind: 'cut-infrastructure', name: 'broker' }),
          experiment('lost', { kind: 'lose-answers', request: '/api/articles', every: 0 }),
          experiment('fine', { kind: 'cut-infrastructure', name: 'db' }),
        ],
      });
    expect(problems).toThrow(
      /experiment "away" cuts unknown infrastructure "broker"; experiment "lost": request must read "METHOD \/path"; experiment "lost": every must be a whole number ≥ 1$/,
    );
  });

  it('when no process is public, then it is rejected', () => {
    expect(() => defineTopology({ ...base, processes: [process('a'), process('b')], edges: [] })).toThrow(
      TopologyError,
    );
  });

  it('when a kind or a protocol is new to this package, then it is accepted: the lab validates kinds', () => {
    const extended = {
      ...base,
      infrastructure: [
        ...base.infrastructure,
        { name: 'runtime', kind: 'function-runtime', urlEnv: 'RUNTIME_URL' },
      ],
      edges: [...base.edges, { from: 'gateway', to: 'articles', protocol: 'soap' }],
    };
    expect(defineTopology(extended)).toBe(extended);
  });

  it('when an infrastructure kind or an edge protocol is empty, then both are named', () => {
    const blank = {
      ...base,
      infrastructure: [{ name: 'db', kind: '', urlEnv: 'DATABASE_URL' }],
      edges: [{ from: 'gateway', to: 'articles', protocol: '' }],
    };
    expect(() => defineTopology(blank)).toThrow(/"db" has no kind.*edge gateway → articles has no protocol/);
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

describe('isRequestResponse', () => {
  it('when an edge is http or soap, then its caller is handed a URL; sql and events are not', () => {
    expect(['http', 'soap', 'sql', 'events', 'in-process'].filter(isRequestResponse)).toEqual([
      'http',
      'soap',
    ]);
  });
});

describe('processUrlEnv', () => {
  it('when a process name has dashes, then its URL variable is upper case with underscores', () => {
    expect(processUrlEnv('comments')).toBe('COMMENTS_URL');
    expect(processUrlEnv('read-model')).toBe('READ_MODEL_URL');
  });
});
