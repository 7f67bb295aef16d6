import { describe, expect, it } from 'vitest';
import type { MeshPolicy } from '../../policy/src/mesh-policy.js';
import { generated } from './generated.js';
import { EVERY_FEATURE } from './sample-policy.js';

const istio = generated('istio');

describe('Istio manifests from the mesh policy', () => {
  it('when mTLS is always strict, then one PeerAuthentication without a selector makes it so in the namespace', () => {
    expect(istio.all('PeerAuthentication')).toEqual([
      expect.objectContaining({
        metadata: { name: 'default', namespace: 'conduit' },
        spec: { mtls: { mode: 'STRICT' } },
      }),
    ]);
  });

  it('when a service has a canary, then its DestinationRule has a subset per version label, mutual TLS and the outlier detection', () => {
    expect(istio.one('DestinationRule', 'articles').spec).toEqual({
      host: 'articles',
      trafficPolicy: {
        tls: { mode: 'ISTIO_MUTUAL' },
        outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s' },
      },
      subsets: [
        { name: 'v1', labels: { version: 'v1' } },
        { name: 'v2', labels: { version: 'v2' } },
      ],
    });
  });

  it('when the policy splits 90/10, then every route of the VirtualService weighs the two subsets so', () => {
    for (const route of istio.one('VirtualService', 'articles').spec.http)
      expect(route.route).toEqual([
        { destination: { host: 'articles', subset: 'v1' }, weight: 90 },
        { destination: { host: 'articles', subset: 'v2' }, weight: 10 },
      ]);
  });

  it('when a route matches methods and a prefix, then it is one match per method with the URI prefix, its timeout and its retries in Envoy’s words', () => {
    const reads = istio
      .one('VirtualService', 'articles')
      .spec.http.find((route: { name: string }) => route.name === 'reads');

    expect(reads).toMatchObject({
      match: [
        { method: { exact: 'GET' }, uri: { prefix: '/api/articles' } },
        { method: { exact: 'HEAD' }, uri: { prefix: '/api/articles' } },
      ],
      timeout: '2s',
      retries: { attempts: 3, perTryTimeout: '500ms', retryOn: 'connect-failure,reset,gateway-error,5xx' },
    });
  });

  it('when a call matches no route, then the last route takes it to the split without retries (Istio would retry twice)', () => {
    const routes = istio.one('VirtualService', 'identity').spec.http;

    expect(routes.map((route: { name: string }) => route.name)).toEqual(['sessions', 'default']);
    expect(routes[0].retries).toEqual({ attempts: 0 });
    expect(routes.at(-1)).toEqual({
      name: 'default',
      route: [{ destination: { host: 'identity', subset: 'v1' } }],
      retries: { attempts: 0 },
    });
  });

  it('when a policy route matches every call, then it is the last route and no default follows it', () => {
    const policy: MeshPolicy = {
      ...EVERY_FEATURE,
      services: { identity: { routes: [{ name: 'everything', timeoutMs: 1_000 }] } },
    };
    const routes = generated('istio', policy).one('VirtualService', 'identity').spec.http;

    expect(routes).toEqual([
      {
        name: 'everything',
        route: [{ destination: { host: 'identity', subset: 'v1' } }],
        timeout: '1s',
        retries: { attempts: 0 },
      },
    ]);
  });

  it('when a fault applies to every version, then it is the first route, with its percentage and fixed delay', () => {
    const [first] = istio.one('VirtualService', 'articles').spec.http;

    expect(first).toMatchObject({
      name: 'fault-1',
      fault: { delay: { percentage: { value: 5 }, fixedDelay: '300ms' } },
    });
    expect(first.match).toBeUndefined();
  });

  it('when a fault is for one version and the split sends calls to two, then it is left out and a note says why', () => {
    const faults = istio
      .one('VirtualService', 'articles')
      .spec.http.filter((route: { fault?: unknown }) => route.fault);

    expect(faults).toHaveLength(1);
    expect(istio.notes).toContainEqual(
      expect.stringMatching(
        /^Istio injects faults at the caller, before it picks a version: articles' abort \(503 for 10% of calls\) on GET any path of v2/,
      ),
    );
  });

  it('when a fault is for the one version that takes every call, then it is emitted with its match', () => {
    const [fault] = istio.one('VirtualService', 'comments').spec.http;

    expect(fault).toMatchObject({
      match: [{ method: { exact: 'GET' }, uri: { prefix: '/api' } }],
      fault: { abort: { percentage: { value: 20 }, httpStatus: 500 } },
    });
  });

  it('when faults are emitted, then a note says Istio drops that route’s timeout and retries', () => {
    expect(istio.notes).toContainEqual(
      expect.stringContaining(
        'turns off timeouts and retries on a route that injects them: calls to articles',
      ),
    );
  });

  it('when callers are named, then the AuthorizationPolicy allows their principals: trust domain, ns/conduit, sa, no spiffe://', () => {
    expect(istio.one('AuthorizationPolicy', 'identity').spec).toEqual({
      selector: { matchLabels: { app: 'identity' } },
      action: 'ALLOW',
      rules: [
        {
          from: [
            {
              source: {
                principals: [
                  'conduit.journey/ns/conduit/sa/gateway',
                  'conduit.journey/ns/conduit/sa/profiles',
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it('when a rule restricts methods and a prefix, then it says so in to.operation, the prefix as Istio’s `prefix*`; `*` stays any peer', () => {
    const [, comments, anyone] = istio.one('AuthorizationPolicy', 'articles').spec.rules;

    expect(comments.to).toEqual([{ operation: { methods: ['GET'], paths: ['/api/articles*'] } }]);
    expect(anyone).toEqual({
      from: [{ source: { principals: ['*'] } }],
      to: [{ operation: { paths: ['/api/articles/feed*'] } }],
    });
  });

  it('when no caller may call a service, then its ALLOW policy has no rule and refuses everyone', () => {
    expect(istio.one('AuthorizationPolicy', 'comments').spec.rules).toEqual([]);
  });

  it('when the policy leaves a service’s callers open, then it gets no AuthorizationPolicy (mTLS alone)', () => {
    expect(istio.names('AuthorizationPolicy')).not.toContain('gateway');
  });

  it('when the canary gets nothing (v2: 0), then no route sends to v2 but its subset is still declared', () => {
    const policy: MeshPolicy = { ...EVERY_FEATURE, services: { articles: { split: { v1: 100, v2: 0 } } } };
    const zero = generated('istio', policy);

    expect(zero.one('VirtualService', 'articles').spec.http.at(-1).route).toEqual([
      { destination: { host: 'articles', subset: 'v1' } },
    ]);
    expect(zero.one('DestinationRule', 'articles').spec.subsets).toHaveLength(2);
  });

  it('when installed, then the namespace asks for sidecar injection and the notes name the trust domain and certificate lifetime settings', () => {
    expect(istio.one('Namespace', 'conduit').metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    expect(istio.notes).toContainEqual(expect.stringContaining('meshConfig.trustDomain=conduit.journey'));
    expect(istio.notes).toContainEqual(expect.stringContaining('SECRET_TTL'));
  });
});
