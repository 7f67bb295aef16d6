import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSidecar, type PodSurroundings } from '../../control-plane/src/compile-sidecar.js';
import type { PodRegistration } from '../../control-plane/src/pod-registration.js';
import { parsePolicy } from '../../policy/src/parse-policy.js';
import { SidecarConfigError } from '../../sidecar/src/config-text.js';
import { renderHaproxyConfig } from '../../sidecar/src/haproxy-config.js';
import type { SidecarConfig } from '../../sidecar/src/sidecar-config.js';
import { meshTopology } from '../../topology.js';
import { DataPlaneWorld } from '../fixtures/data-plane-world.js';
import { meshPrograms } from '../topology/mesh-programs.js';

const run = promisify(execFile);
const programs = await meshPrograms();
const MESH_DIR = join(import.meta.dirname, '../..');
const POLICY_FILES = [
  'mesh-policy.yaml',
  ...readdirSync(join(MESH_DIR, 'policies')).map((file) => `policies/${file}`),
];

/** Every pod of the overlay as it would register, with made-up ports. */
function registrations(): PodRegistration[] {
  let port = 20_000;
  const next = () => (port += 1);
  const processes = meshTopology.processes.filter((p) => p.env?.MESH_SERVICE);
  const inboundPorts = new Map(processes.map((p) => [p.name, next()]));
  return processes.map(({ name, env, health }) => {
    const upstreams = JSON.parse(env!.MESH_UPSTREAMS!) as {
      service: string;
      version: string;
      process: string;
    }[];
    return {
      process: name,
      service: env!.MESH_SERVICE!,
      version: env!.MESH_VERSION!,
      ingress: env!.MESH_INGRESS === 'true',
      inboundPort: inboundPorts.get(name)!,
      adminPort: next(),
      app: { port: next(), healthPath: health ?? '/ready' },
      upstreams: upstreams.map((upstream) => ({
        ...upstream,
        host: '127.0.0.1',
        port: inboundPorts.get(upstream.process)!,
      })),
      outboundPorts: Object.fromEntries(
        [...new Set(upstreams.map((u) => u.service))].map((service) => [service, next()]),
      ),
    };
  });
}

describe('rendering HAProxy configuration', () => {
  const base = (): SidecarConfig => ({
    process: 'articles',
    service: 'articles',
    version: 'v1',
    identity: 'spiffe://conduit.journey/ns/lab/sa/articles',
    trustDomain: 'conduit.journey',
    generation: 1,
    inbound: { port: 4000, mode: 'mtls', faults: [] },
    adminPort: 4001,
    app: { port: 4002, healthPath: '/ready' },
    files: { certificate: '/run/cert.pem', caBundle: '/run/ca.pem' },
    sockets: { runtime: '/run/runtime.sock', master: '/run/master.sock' },
    accessLog: null,
    outbound: [],
  });

  it('when the same configuration is rendered twice, then the text is the same (a reload is needed only on a change)', () => {
    expect(renderHaproxyConfig(base())).toBe(renderHaproxyConfig(base()));
  });

  it('when a policy value could break out of its word in the file, then rendering refuses it', () => {
    const config = base();
    config.inbound.authorization = [{ from: ['gateway'], to: { pathPrefix: '/x if TRUE #' } }];
    expect(() => renderHaproxyConfig(config)).toThrow(SidecarConfigError);
    expect(() => renderHaproxyConfig({ ...base(), process: 'articles v2' })).toThrow(SidecarConfigError);
  });
});

describe.skipIf(!programs.available)(
  `every pod under every policy file renders a configuration HAProxy accepts${programs.reason ? ` (${programs.reason})` : ''}`,
  () => {
    let world: DataPlaneWorld;
    let surroundings: PodSurroundings;

    beforeAll(async () => {
      world = await DataPlaneWorld.open();
      surroundings = {
        generation: 1,
        files: { certificate: await world.certificateFile('articles'), caBundle: world.ca.certificateFile },
        sockets: { runtime: join(world.dir, 'runtime.sock'), master: join(world.dir, 'master.sock') },
        accessLog: { host: '127.0.0.1', port: 5140 },
      };
    });
    afterAll(() => world?.close());

    it.each(POLICY_FILES)('%s', async (file) => {
      const policy = parsePolicy(readFileSync(join(MESH_DIR, file), 'utf8'));
      for (const pod of registrations()) {
        const configFile = join(world.dir, `${pod.process}.cfg`);
        await writeFile(configFile, renderHaproxyConfig(compileSidecar(policy, pod, surroundings)));
        const checked = await run('haproxy', ['-c', '-f', configFile]).catch(
          (error: { stderr: string }) => error,
        );
        expect(checked.stderr, `${file}, ${pod.process}`).not.toMatch(/ALERT|WARNING/);
      }
    });
  },
);
