import { describe, expect, it } from 'vitest';
import {
  defineOverlay,
  isOverlay,
  type ProcessSpec,
  resolveDeclaration,
  resolveTopology,
  type Topology,
  type TopologyDeclaration,
  TopologyError,
  type TopologyOverlay,
} from '../src/index.js';

const process = (name: string, extra: Partial<ProcessSpec> = {}): ProcessSpec => ({
  name,
  command: ['node', `${name}.js`],
  portEnv: 'PORT',
  health: '/health',
  ...extra,
});

const base = (): Topology => ({
  id: 'services',
  title: 'Services',
  processes: [
    process('gateway', { public: true, dependsOn: ['articles'], env: { LOG_LEVEL: 'info', MODE: 'plain' } }),
    process('articles', { uses: ['articles-db'] }),
  ],
  infrastructure: [{ name: 'articles-db', kind: 'database', urlEnv: 'DATABASE_URL' }],
  edges: [
    { from: 'client', to: 'gateway', protocol: 'http' },
    { from: 'gateway', to: 'articles', protocol: 'http' },
    { from: 'articles', to: 'articles-db', protocol: 'sql' },
  ],
  experiments: [
    {
      name: 'articles-down',
      title: 'articles crash',
      fault: { kind: 'kill', processes: ['articles'] },
      expect: {},
      lesson: 'l',
    },
  ],
});

/** The service-mesh shape: gateway → articles routed through a sidecar proxy in front of articles. */
const mesh: TopologyOverlay = defineOverlay({
  id: 'mesh',
  title: 'Mesh',
  extends: 'services',
  removeEdges: [{ from: 'gateway', to: 'articles' }],
  replace: { gateway: { dependsOn: ['articles-proxy'] } },
  mergeEnv: { gateway: { MODE: 'meshed', RETRIES: '0' } },
  add: {
    processes: [
      process('articles-proxy', { command: ['haproxy', '-f', 'articles.cfg'], dependsOn: ['articles'] }),
    ],
    edges: [
      { from: 'gateway', to: 'articles-proxy', protocol: 'http' },
      { from: 'articles-proxy', to: 'articles', protocol: 'http' },
    ],
    experiments: [
      {
        name: 'proxy-down',
        title: 'the proxy crashes',
        fault: { kind: 'kill', processes: ['articles-proxy'] },
        expect: {},
        lesson: 'l',
      },
    ],
  },
});

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TopologyError);
    return (error as Error).message;
  }
  throw new Error('expected a TopologyError');
};

describe('resolveTopology', () => {
  it('when a sidecar is added and an edge rerouted through it, then the result is a plain topology with both', () => {
    const resolved = resolveTopology(mesh, base());
    expect(resolved.id).toBe('mesh');
    expect(resolved.title).toBe('Mesh');
    expect(resolved.processes.map((p) => p.name)).toEqual(['gateway', 'articles', 'articles-proxy']);
    expect(resolved.edges).toEqual([
      { from: 'client', to: 'gateway', protocol: 'http' },
      { from: 'articles', to: 'articles-db', protocol: 'sql' },
      { from: 'gateway', to: 'articles-proxy', protocol: 'http' },
      { from: 'articles-proxy', to: 'articles', protocol: 'http' },
    ]);
    expect(resolved.experiments?.map((e) => e.name)).toEqual(['articles-down', 'proxy-down']);
    expect(isOverlay(resolved)).toBe(false);
  });

  it('when fields are replaced, then only those fields change and the rest of the process is kept', () => {
    const gateway = resolveTopology(mesh, base()).processes.find((p) => p.name === 'gateway');
    expect(gateway).toMatchObject({ public: true, health: '/health', dependsOn: ['articles-proxy'] });
  });

  it('when an environment is merged, then added variables win and the base’s others stay', () => {
    const gateway = resolveTopology(mesh, base()).processes.find((p) => p.name === 'gateway');
    expect(gateway?.env).toEqual({ LOG_LEVEL: 'info', MODE: 'meshed', RETRIES: '0' });
  });

  it('when a whole environment is replaced, then none of the base’s variables remain', () => {
    const overlay = defineOverlay({
      id: 'quiet',
      title: 'Quiet',
      extends: 'services',
      replace: { gateway: { env: { LOG_LEVEL: 'silent' } } },
    });
    const gateway = resolveTopology(overlay, base()).processes.find((p) => p.name === 'gateway');
    expect(gateway?.env).toEqual({ LOG_LEVEL: 'silent' });
  });

  it('when an environment is replaced and merged, then the merge applies on top of the replacement', () => {
    const overlay = defineOverlay({
      id: 'both',
      title: 'Both',
      extends: 'services',
      replace: { gateway: { env: { A: '1' } } },
      mergeEnv: { gateway: { B: '2' } },
    });
    const gateway = resolveTopology(overlay, base()).processes.find((p) => p.name === 'gateway');
    expect(gateway?.env).toEqual({ A: '1', B: '2' });
  });

  it('when a removed edge names a protocol, then only the edge with that protocol goes', () => {
    const overlay = defineOverlay({
      id: 'x',
      title: 'X',
      extends: 'services',
      removeEdges: [{ from: 'articles', to: 'articles-db', protocol: 'sql' }],
    });
    expect(resolveTopology(overlay, base()).edges).toHaveLength(2);
    const wrongProtocol = {
      ...overlay,
      removeEdges: [{ from: 'articles', to: 'articles-db', protocol: 'http' as const }],
    };
    expect(problemsOf(() => resolveTopology(wrongProtocol, base()))).toContain(
      'it removes edge articles → articles-db (http), which the base does not have',
    );
  });

  it('when the base is resolved, then it is left exactly as it was and shares nothing with the result', () => {
    const original = base();
    const before = structuredClone(original);
    const resolved = resolveTopology(mesh, original);
    expect(original).toEqual(before);
    resolved.processes[0]!.env!.LOG_LEVEL = 'debug';
    resolved.processes[0]!.dependsOn!.push('more');
    expect(original).toEqual(before);
  });

  it('when the overlay is resolved twice, then it is not changed by the first resolution', () => {
    const first = resolveTopology(mesh, base());
    first.processes[2]!.command.push('--changed');
    expect(mesh.add?.processes?.[0]?.command).toEqual(['haproxy', '-f', 'articles.cfg']);
  });

  it('when an overlay extends an overlay, then both sets of changes apply in order', () => {
    const strict = defineOverlay({
      id: 'strict-mesh',
      title: 'Strict mesh',
      extends: 'mesh',
      mergeEnv: { 'articles-proxy': { MTLS: 'required' } },
      add: { infrastructure: [{ name: 'policy-db', kind: 'database', urlEnv: 'POLICY_URL' }] },
    });
    const resolved = resolveTopology(strict, resolveTopology(mesh, base()));
    expect(resolved.id).toBe('strict-mesh');
    expect(resolved.processes.find((p) => p.name === 'articles-proxy')?.env).toEqual({ MTLS: 'required' });
    expect(resolved.processes.find((p) => p.name === 'gateway')?.env?.MODE).toBe('meshed');
    expect(resolved.infrastructure.map((i) => i.name)).toEqual(['articles-db', 'policy-db']);
  });

  it('when a replacement names an unknown process, then the error names it', () => {
    const overlay = { ...mesh, replace: { comments: { dependsOn: [] } } };
    expect(problemsOf(() => resolveTopology(overlay, base()))).toContain(
      'topology "mesh" is invalid: it replaces unknown process "comments"',
    );
  });

  it('when an environment is merged into an unknown process, then the error names it', () => {
    const overlay = { ...mesh, mergeEnv: { comments: { A: '1' } } };
    expect(problemsOf(() => resolveTopology(overlay, base()))).toContain(
      'it merges environment into unknown process "comments"',
    );
  });

  it('when a removed edge does not exist in the base, then the error names the edge', () => {
    const overlay = { ...mesh, removeEdges: [{ from: 'articles', to: 'gateway' }] };
    expect(problemsOf(() => resolveTopology(overlay, base()))).toContain(
      'it removes edge articles → gateway, which the base does not have',
    );
  });

  it('when an added process or infrastructure already exists, then the error says to replace instead', () => {
    const overlay = defineOverlay({
      id: 'twice',
      title: 'Twice',
      extends: 'services',
      add: {
        processes: [process('articles')],
        infrastructure: [{ name: 'articles-db', kind: 'database', urlEnv: 'DATABASE_URL' }],
      },
    });
    const message = problemsOf(() => resolveTopology(overlay, base()));
    expect(message).toContain('it adds process "articles", which the base has; replace its fields instead');
    expect(message).toContain('it adds infrastructure "articles-db", which the base has');
  });

  it('when the base is another topology than the one extended, then the error names both', () => {
    expect(problemsOf(() => resolveTopology(mesh, { ...base(), id: 'monolith' }))).toContain(
      'it extends "services" but was given "monolith" as its base',
    );
  });

  it('when the result breaks a topology rule, then defineTopology’s validation rejects it', () => {
    const dangling = defineOverlay({
      id: 'dangling',
      title: 'Dangling',
      extends: 'services',
      add: { edges: [{ from: 'gateway', to: 'comments', protocol: 'http' }] },
      replace: { articles: { public: true, uses: ['cache'] } },
    });
    const message = problemsOf(() => resolveTopology(dangling, base()));
    expect(message).toContain('edge gateway → comments names an unknown node');
    expect(message).toContain('"articles" uses unknown infrastructure "cache"');
    expect(message).toContain('exactly one process must be public, found 2');
  });
});

describe('defineOverlay', () => {
  it('when an overlay extends itself, then it is rejected as it loads', () => {
    expect(() => defineOverlay({ ...mesh, extends: 'mesh' })).toThrow(
      'topology "mesh" is invalid: an overlay cannot extend itself ("mesh")',
    );
  });

  it('when a declaration extends a base, then it is told apart from a whole topology', () => {
    expect(isOverlay(mesh)).toBe(true);
    expect(isOverlay(base())).toBe(false);
  });
});

describe('resolveDeclaration', () => {
  const strict = defineOverlay({
    id: 'strict-mesh',
    title: 'Strict mesh',
    extends: 'mesh',
    mergeEnv: { 'articles-proxy': { MTLS: 'required' } },
  });
  const declarations: Record<string, TopologyDeclaration> = { services: base(), mesh, 'strict-mesh': strict };
  const loaded: string[] = [];
  const load = async (slug: string) => {
    loaded.push(slug);
    const declaration = declarations[slug];
    if (!declaration) throw new Error(`no pattern "${slug}"`);
    return declaration;
  };

  it('when a whole topology is declared, then it is returned without loading anything', async () => {
    loaded.length = 0;
    const topology = base();
    expect(await resolveDeclaration(topology, load)).toBe(topology);
    expect(loaded).toEqual([]);
  });

  it('when an overlay of an overlay is declared, then each base is loaded by its slug and applied in order', async () => {
    loaded.length = 0;
    const resolved = await resolveDeclaration(strict, load);
    expect(loaded).toEqual(['mesh', 'services']);
    expect(resolved).toEqual(resolveTopology(strict, resolveTopology(mesh, base())));
  });

  it('when overlays extend each other in a circle, then the error names the circle instead of looping', async () => {
    const a = defineOverlay({ id: 'a', title: 'A', extends: 'b' });
    const b = defineOverlay({ id: 'b', title: 'B', extends: 'a' });
    await expect(resolveDeclaration(a, async (slug) => (slug === 'a' ? a : b))).rejects.toThrow(
      'topology "a" is invalid: its bases extend each other in a circle: a → b → a',
    );
  });

  it('when a base cannot be loaded, then the loader’s error comes through', async () => {
    await expect(resolveDeclaration({ ...mesh, extends: 'nowhere' }, load)).rejects.toThrow(
      'no pattern "nowhere"',
    );
  });
});
