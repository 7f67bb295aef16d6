import { fileURLToPath } from 'node:url';
import {
  loadDeclaredModule,
  loadPatternManifestIn,
  type PatternBench,
  type PatternCommand,
  processUrlEnv,
  startOrder,
} from '@journey/topology';
import { describe, expect, it } from 'vitest';
import topology from '../../topology.js';

/**
 * What the lab reads of SOA: the topology (importing it runs defineTopology, which throws on any
 * problem) and the manifest's declarations, checked for what the design and roadmap/soa.md promise.
 */
const patternFolder = fileURLToPath(new URL('../../', import.meta.url));
const SERVICES = ['identity', 'publishing', 'engagement'];
const edgesOf = (protocol: string) =>
  topology.edges.filter((edge) => edge.protocol === protocol).map(({ from, to }) => `${from} → ${to}`);

describe('the soa topology', () => {
  it('when read, then the registry, the three services and the bus run, and only the bus is public', () => {
    expect(topology.id).toBe('soa');
    expect(topology.processes.map((p) => p.name).sort()).toEqual(
      ['bus', 'engagement', 'identity', 'publishing', 'registry'].sort(),
    );
    expect(topology.processes.filter((p) => p.public).map((p) => p.name)).toEqual(['bus']);
  });

  it('when started, then the registry comes first and identity migrates the shared schema before the other services', () => {
    const order = startOrder(topology).map((p) => p.name);
    expect(order[0]).toBe('registry');
    expect(order.indexOf('identity')).toBeLessThan(order.indexOf('publishing'));
    expect(order.indexOf('identity')).toBeLessThan(order.indexOf('engagement'));
    expect(order.at(-1)).toBe('bus');
  });

  it('when provisioned, then all three services share one enterprise database and the bus and registry hold none', () => {
    expect(topology.infrastructure).toEqual([
      { name: 'enterprise-db', kind: 'database', urlEnv: 'DATABASE_URL' },
    ]);
    for (const process of topology.processes)
      expect(process.uses ?? []).toEqual(SERVICES.includes(process.name) ? ['enterprise-db'] : []);
    expect(edgesOf('sql')).toEqual(SERVICES.map((s) => `${s} → enterprise-db`));
  });

  it('when drawn, then the client reaches only the bus, the bus calls each service over SOAP, and everyone but the client asks the registry', () => {
    expect(topology.edges.filter((e) => e.from === 'client').map((e) => e.to)).toEqual(['bus']);
    expect(edgesOf('soap')).toEqual(SERVICES.map((s) => `bus → ${s}`));
    expect(edgesOf('http').filter((edge) => edge.endsWith('→ registry'))).toEqual(
      [...SERVICES, 'bus'].map((from) => `${from} → registry`),
    );
    // The lab hands the caller of a request/response edge `<CALLEE>_URL`: this is what the services read.
    expect(processUrlEnv('registry')).toBe('REGISTRY_URL');
  });

  it("when the experiments are listed, then roadmap/soa.md's service-down kills engagement and only favorites fail fast", () => {
    expect(topology.experiments?.map((e) => e.name)).toEqual(['service-down', 'lost-answer']);
    const serviceDown = topology.experiments![0]!;
    expect(serviceDown.fault).toEqual({ kind: 'kill', processes: ['engagement'] });
    expect(serviceDown.expect).toEqual({
      users: 'kept working',
      profiles: 'kept working',
      articles: 'kept working',
      comments: 'kept working',
      favorites: 'failed fast (503)',
    });
  });
});

describe('the soa pattern manifest', () => {
  it('when loaded, then every module it declares exists and exports what the lab calls', async () => {
    const manifest = await loadPatternManifestIn(patternFolder);
    expect(manifest.slug).toBe('soa');
    expect(manifest.sources).toEqual(['services', 'bus', 'registry', 'libs']);
    for (const bench of manifest.benches ?? [])
      expect(typeof (await loadDeclaredModule<PatternBench>(patternFolder, bench.module))).toBe('function');
    for (const command of manifest.commands ?? [])
      expect(typeof (await loadDeclaredModule<PatternCommand>(patternFolder, command.module))).toBe(
        'function',
      );
    expect(manifest.benches?.map((b) => b.name)).toEqual(['wire']);
    expect(manifest.commands?.map((c) => c.name)).toEqual(['soa']);
    expect(manifest.exercise?.tests).toEqual(['exercise/identity-v2.test.ts']);
  });
});
