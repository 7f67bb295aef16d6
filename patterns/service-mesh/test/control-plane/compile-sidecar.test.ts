import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSidecar, type PodSurroundings } from '../../control-plane/src/compile-sidecar.js';
import { describeChanges } from '../../control-plane/src/describe-changes.js';
import type { PodRegistration } from '../../control-plane/src/pod-registration.js';
import type { MeshPolicy } from '../../policy/src/mesh-policy.js';
import { parsePolicy } from '../../policy/src/parse-policy.js';

const MESH_DIR = join(import.meta.dirname, '../..');
const policyFile = (file: string) => parsePolicy(readFileSync(join(MESH_DIR, file), 'utf8'));
const defaultPolicy = policyFile('mesh-policy.yaml');

const surroundings: PodSurroundings = {
  generation: 3,
  files: { certificate: '/run/mesh/pods/x/cert.pem', caBundle: '/run/mesh/ca/ca.pem' },
  sockets: { runtime: '/run/mesh/pods/x/runtime.sock', master: '/run/mesh/pods/x/master.sock' },
  accessLog: { host: '127.0.0.1', port: 5140 },
};

const gateway: PodRegistration = {
  process: 'gateway',
  service: 'gateway',
  version: 'v1',
  ingress: true,
  inboundPort: 4000,
  adminPort: 4001,
  app: { port: 4002, healthPath: '/health' },
  upstreams: [
    { service: 'identity', version: 'v1', process: 'identity', host: '127.0.0.1', port: 5000 },
    { service: 'articles', version: 'v1', process: 'articles', host: '127.0.0.1', port: 5100 },
    { service: 'articles', version: 'v2', process: 'articles-v2', host: '127.0.0.1', port: 5200 },
  ],
  outboundPorts: { identity: 4010, articles: 4011 },
};

const articlesV2: PodRegistration = {
  process: 'articles-v2',
  service: 'articles',
  version: 'v2',
  ingress: false,
  inboundPort: 5200,
  adminPort: 5201,
  app: { port: 5202, healthPath: '/ready' },
  upstreams: [{ service: 'comments', version: 'v1', process: 'comments', host: '127.0.0.1', port: 5300 }],
  outboundPorts: { comments: 5210 },
};

const weights = (policy: MeshPolicy, service: string) =>
  Object.fromEntries(
    compileSidecar(policy, gateway, surroundings)
      .outbound.find((listener) => listener.service === service)!
      .endpoints.map((endpoint) => [endpoint.process, endpoint.weight]),
  );

describe('compiling a pod’s sidecar configuration from the policy', () => {
  it('when the ingress pod is compiled, then it takes plaintext, checks no caller identity, and calls with its own identity', () => {
    const config = compileSidecar(defaultPolicy, gateway, surroundings);
    expect(config.identity).toBe('spiffe://conduit.journey/ns/lab/sa/gateway');
    expect(config.inbound).toEqual({ port: 4000, mode: 'ingress', faults: [] });
    expect(config).toMatchObject({
      process: 'gateway',
      generation: 3,
      adminPort: 4001,
      app: { port: 4002, healthPath: '/health' },
      files: surroundings.files,
      sockets: surroundings.sockets,
      accessLog: surroundings.accessLog,
    });
  });

  it('when a pod is compiled, then every version of a service it calls is behind one listener, weighted by the split', () => {
    const config = compileSidecar(defaultPolicy, gateway, surroundings);
    expect(config.outbound.map((listener) => [listener.service, listener.listenPort])).toEqual([
      ['identity', 4010],
      ['articles', 4011],
    ]);
    expect(weights(defaultPolicy, 'articles')).toEqual({ articles: 100, 'articles-v2': 0 });
    expect(weights(policyFile('policies/canary-10.yaml'), 'articles')).toEqual({
      articles: 90,
      'articles-v2': 10,
    });
    // identity has no split in the policy: every call to v1.
    expect(weights(defaultPolicy, 'identity')).toEqual({ identity: 100 });
    const articles = config.outbound[1]!;
    expect(articles.endpoints[1]).toEqual({
      process: 'articles-v2',
      version: 'v2',
      host: '127.0.0.1',
      port: 5200,
      weight: 0,
    });
    expect(articles.routes).toBe(defaultPolicy.services.articles!.routes);
    expect(articles.outlierDetection).toEqual(defaultPolicy.services.articles!.outlierDetection);
  });

  it('when a service the policy leaves out is called, then its listener has no routes, no split and no outlier detection', () => {
    const policy: MeshPolicy = { ...defaultPolicy, services: {} };
    const identity = compileSidecar(policy, gateway, surroundings).outbound[0]!;
    expect(identity.routes).toEqual([]);
    expect(identity.outlierDetection).toBeUndefined();
    expect(identity.endpoints.map((endpoint) => endpoint.weight)).toEqual([100]);
  });

  it('when an internal pod is compiled, then its inbound is mTLS with its service’s authorization and only its version’s faults', () => {
    const policy: MeshPolicy = {
      ...defaultPolicy,
      services: {
        ...defaultPolicy.services,
        articles: {
          ...defaultPolicy.services.articles,
          faults: [
            { version: 'v1', abort: { percent: 50, status: 503 } },
            { version: 'v2', delay: { percent: 10, fixedDelayMs: 200 } },
            { abort: { percent: 1, status: 500 } },
          ],
        },
      },
    };
    const config = compileSidecar(policy, articlesV2, surroundings);
    expect(config.identity).toBe('spiffe://conduit.journey/ns/lab/sa/articles');
    expect(config.inbound.mode).toBe('mtls');
    expect(config.inbound.authorization).toEqual([{ from: ['gateway'] }]);
    expect(config.inbound.faults).toEqual([
      { version: 'v2', delay: { percent: 10, fixedDelayMs: 200 } },
      { abort: { percent: 1, status: 500 } },
    ]);
  });

  it('when a service has no authorization in the policy, then its inbound lets any mesh identity in', () => {
    const policy: MeshPolicy = { ...defaultPolicy, services: {} };
    expect(compileSidecar(policy, articlesV2, surroundings).inbound.authorization).toBeUndefined();
  });

  it('when the same policy is compiled twice, then the configurations are equal: compiling is pure', () => {
    expect(compileSidecar(defaultPolicy, gateway, surroundings)).toEqual(
      compileSidecar(defaultPolicy, gateway, surroundings),
    );
  });

  it('when a registration lacks the outbound port of a service it calls, then compiling refuses', () => {
    const { articles: _, ...outboundPorts } = gateway.outboundPorts;
    expect(() => compileSidecar(defaultPolicy, { ...gateway, outboundPorts }, surroundings)).toThrow(
      'gateway registered no outbound port for articles',
    );
  });
});

describe('describing what a new configuration changes in a sidecar', () => {
  it('when the canary split is applied, then the gateway’s sidecar changes the weights to articles, nothing else', () => {
    const before = compileSidecar(defaultPolicy, gateway, surroundings);
    const after = compileSidecar(policyFile('policies/canary-10.yaml'), gateway, {
      ...surroundings,
      generation: 4,
    });
    expect(describeChanges(before, after)).toEqual(['calls to articles: v1 100 → 90, v2 0 → 10']);
  });

  it('when faults and retries are applied, then the callee says which faults and callers say which routes', () => {
    const faulty = policyFile('policies/fault-injection.yaml');
    const callee = describeChanges(
      compileSidecar(defaultPolicy, articlesV2, surroundings),
      compileSidecar(faulty, articlesV2, surroundings),
    );
    expect(callee).toEqual([
      'faults it injects: none → abort 20% with 503 of GET; delay 10% by 200ms',
      'routes to comments: idempotent 10s 2 retries, writes 10s 2 retries → idempotent 10s 7 retries, writes 10s 2 retries',
      'outlier detection of comments: 5 errors, 10s, out 30s → 20 errors, 10s, out 30s',
    ]);
  });

  it('when nothing the sidecar does changes, then there is nothing to say', () => {
    const config = compileSidecar(defaultPolicy, gateway, surroundings);
    expect(describeChanges(config, { ...config, generation: 9 })).toEqual([]);
  });
});
