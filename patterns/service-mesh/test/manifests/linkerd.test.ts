import { describe, expect, it } from 'vitest';
import type { MeshPolicy } from '../../policy/src/mesh-policy.js';
import { generated } from './generated.js';
import { EVERY_FEATURE } from './sample-policy.js';

const linkerd = generated('linkerd');

const FAILURE_ACCRUAL = {
  'balancer.linkerd.io/failure-accrual': 'consecutive',
  'balancer.linkerd.io/failure-accrual-consecutive-max-failures': '5',
  'balancer.linkerd.io/failure-accrual-consecutive-min-penalty': '30s',
};

describe('Linkerd manifests from the mesh policy', () => {
  it('when a service has a canary, then it has a Service per version beside its own, selecting by version label', () => {
    expect(linkerd.one('Service', 'articles-v2').spec.selector).toEqual({ app: 'articles', version: 'v2' });
    expect(linkerd.names('Service')).toEqual(
      expect.arrayContaining(['articles', 'articles-v1', 'articles-v2']),
    );
    expect(linkerd.names('Service')).not.toContain('identity-v1');
  });

  it('when a service has outlier detection, then every Service of it carries the failure accrual annotations', () => {
    for (const name of ['articles', 'articles-v1', 'articles-v2'])
      expect(linkerd.one('Service', name).metadata.annotations).toEqual(FAILURE_ACCRUAL);
    expect(linkerd.one('Service', 'identity').metadata.annotations).toBeUndefined();
  });

  it('when a route has a timeout and retries, then it is an HTTPRoute on the Service, annotated, sending to the split', () => {
    const reads = linkerd.one('HTTPRoute', 'articles-reads');

    expect(reads.metadata.annotations).toEqual({
      'timeout.linkerd.io/request': '2s',
      'retry.linkerd.io/http': 'gateway-error,5xx',
      'retry.linkerd.io/limit': '3',
      'retry.linkerd.io/timeout': '500ms',
    });
    expect(reads.spec).toEqual({
      parentRefs: [{ group: 'core', kind: 'Service', name: 'articles', port: 80 }],
      rules: [
        {
          matches: [
            { path: { type: 'PathPrefix', value: '/api/articles' }, method: 'GET' },
            { path: { type: 'PathPrefix', value: '/api/articles' }, method: 'HEAD' },
          ],
          backendRefs: [
            { name: 'articles-v1', port: 80, weight: 90 },
            { name: 'articles-v2', port: 80, weight: 10 },
          ],
        },
      ],
    });
  });

  it('when a route retries only on conditions Linkerd cannot name, then it gets no retry annotation and a note says so', () => {
    expect(linkerd.one('HTTPRoute', 'articles-writes').metadata.annotations).toEqual({
      'timeout.linkerd.io/request': '5s',
    });
    expect(linkerd.notes).toContainEqual(
      "Linkerd retries on response statuses only: articles' route writes also retries on connect-failure, which no Linkerd annotation names; the route is not retried",
    );
    expect(linkerd.notes).toContainEqual(
      expect.stringContaining("articles' route reads also retries on connect-failure and reset, which"),
    );
  });

  it('when calls match no route, then a catch-all HTTPRoute splits them; a service without versions needs none', () => {
    expect(linkerd.one('HTTPRoute', 'articles-default').spec.rules).toEqual([
      {
        backendRefs: [
          { name: 'articles-v1', port: 80, weight: 90 },
          { name: 'articles-v2', port: 80, weight: 10 },
        ],
      },
    ]);
    expect(linkerd.names('HTTPRoute')).not.toContain('identity-default');
    expect(linkerd.one('HTTPRoute', 'identity-sessions').spec.rules[0].backendRefs).toEqual([
      { name: 'identity', port: 80 },
    ]);
  });

  it('when a policy route matches every call, then it carries the split and no catch-all ties with it', () => {
    const policy: MeshPolicy = {
      ...EVERY_FEATURE,
      services: {
        articles: { split: { v1: 50, v2: 50 }, routes: [{ name: 'everything', timeoutMs: 1_000 }] },
      },
    };
    const articles = generated('linkerd', policy);

    expect(articles.names('HTTPRoute')).toEqual(['articles-everything']);
    expect(articles.one('HTTPRoute', 'articles-everything').spec.rules).toEqual([
      {
        backendRefs: [
          { name: 'articles-v1', port: 80, weight: 50 },
          { name: 'articles-v2', port: 80, weight: 50 },
        ],
      },
    ]);
  });

  it('when no split is set and a canary runs, then every call goes to v1’s Service', () => {
    const policy: MeshPolicy = { ...EVERY_FEATURE, services: {} };

    expect(
      generated('linkerd', policy).one('HTTPRoute', 'articles-default').spec.rules[0].backendRefs,
    ).toEqual([{ name: 'articles-v1', port: 80 }]);
  });

  it('when callers are named without methods or paths, then a Server denies the rest and one policy authorizes their ServiceAccounts', () => {
    expect(linkerd.one('Server', 'identity').spec).toEqual({
      podSelector: { matchLabels: { app: 'identity' } },
      port: 'http',
      proxyProtocol: 'HTTP/1',
      accessPolicy: 'deny',
    });
    expect(linkerd.one('AuthorizationPolicy', 'identity-callers').spec).toEqual({
      targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: 'identity' },
      requiredAuthenticationRefs: [
        { group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: 'identity-callers' },
      ],
    });
    expect(linkerd.one('MeshTLSAuthentication', 'identity-callers').spec).toEqual({
      identityRefs: [
        { kind: 'ServiceAccount', name: 'gateway' },
        { kind: 'ServiceAccount', name: 'profiles' },
      ],
    });
  });

  it('when any mesh identity may call, then the MeshTLSAuthentication says `*`', () => {
    expect(linkerd.one('MeshTLSAuthentication', 'profiles-callers').spec).toEqual({ identities: ['*'] });
  });

  it('when rules restrict methods or paths, then each is an inbound HTTPRoute on the Server admitting its callers and those of broader rules', () => {
    const route = linkerd.one('HTTPRoute', 'articles-rule-2');

    expect(route.spec).toEqual({
      parentRefs: [{ group: 'policy.linkerd.io', kind: 'Server', name: 'articles' }],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api/articles' }, method: 'GET' }] }],
    });
    expect(linkerd.one('AuthorizationPolicy', 'articles-rule-2').spec.targetRef).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'HTTPRoute',
      name: 'articles-rule-2',
    });
    expect(linkerd.one('MeshTLSAuthentication', 'articles-rule-2').spec).toEqual({
      identityRefs: [
        { kind: 'ServiceAccount', name: 'gateway' },
        { kind: 'ServiceAccount', name: 'comments' },
      ],
    });
    expect(linkerd.one('HTTPRoute', 'articles-rule-1').spec.rules).toEqual([{}]);
    expect(linkerd.one('MeshTLSAuthentication', 'articles-rule-3').spec).toEqual({ identities: ['*'] });
  });

  it('when two rules overlap without one containing the other, then a note says Linkerd judges by the more specific', () => {
    expect(linkerd.notes).toContainEqual(
      expect.stringContaining('matching both GET /api/articles* and any method /api/articles/feed*'),
    );
  });

  it('when nobody may call a service, then it has a Server and no policy', () => {
    expect(linkerd.one('Server', 'comments').spec.accessPolicy).toBe('deny');
    expect(linkerd.names('AuthorizationPolicy').filter((name) => name.startsWith('comments'))).toEqual([]);
  });

  it('when the policy has faults, then nothing is emitted for them and a note names each', () => {
    expect(linkerd.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Linkerd has no fault injection: articles' abort \(503 for 10% of calls\) on GET any path of v2 is not emitted/,
        ),
        expect.stringMatching(
          /^Linkerd has no fault injection: articles' delay \(300ms for 5% of calls\) on any method any path is not emitted/,
        ),
        expect.stringMatching(/^Linkerd has no fault injection: comments' abort \(500 for 20% of calls\)/),
      ]),
    );
  });

  it('when outlier detection has an interval, then a note says Linkerd backs off instead', () => {
    expect(linkerd.notes).toContainEqual(
      expect.stringContaining('Linkerd has no ejection interval: articles'),
    );
  });

  it('when installed, then the namespace is injected, admits any mesh identity by default, and the notes name the install settings', () => {
    expect(linkerd.one('Namespace', 'conduit').metadata.annotations).toEqual({
      'linkerd.io/inject': 'enabled',
      'config.linkerd.io/default-inbound-policy': 'all-authenticated',
    });
    expect(linkerd.notes).toContainEqual(
      expect.stringContaining('identityTrustDomain=conduit.journey and identity.issuer.issuanceLifetime=24h'),
    );
    expect(linkerd.notes).toContainEqual(
      expect.stringContaining('enableHttpRoutes=false and Gateway API 1.1.1'),
    );
  });
});
