import { describe, expect, it } from 'vitest';
import { generated } from './generated.js';

const consul = generated('consul');

const ARTICLES_EJECTION = {
  name: 'articles',
  passiveHealthCheck: { maxFailures: 5, interval: '10s', baseEjectionTime: '30s' },
};

describe('Consul manifests from the mesh policy', () => {
  it('when any service is meshed, then its ServiceDefaults make it http, which routers, splitters and L7 intentions need', () => {
    expect(
      consul.all('ServiceDefaults').map((defaults) => [defaults.metadata.name, defaults.spec.protocol]),
    ).toEqual([
      ['identity', 'http'],
      ['profiles', 'http'],
      ['articles', 'http'],
      ['comments', 'http'],
      ['gateway', 'http'],
    ]);
  });

  it('when a service has outlier detection, then every other service carries it as a passive health check of that upstream', () => {
    expect(consul.one('ServiceDefaults', 'gateway').spec.upstreamConfig).toEqual({
      overrides: [ARTICLES_EJECTION],
    });
    expect(consul.one('ServiceDefaults', 'comments').spec.upstreamConfig).toEqual({
      overrides: [ARTICLES_EJECTION],
    });
    expect(consul.one('ServiceDefaults', 'articles').spec.upstreamConfig).toBeUndefined();
  });

  it('when a service has a canary, then its resolver filters subsets on the version meta and defaults to v1', () => {
    expect(consul.one('ServiceResolver', 'articles').spec).toEqual({
      defaultSubset: 'v1',
      subsets: {
        v1: { filter: 'Service.Meta.version == v1' },
        v2: { filter: 'Service.Meta.version == v2' },
      },
    });
    expect(consul.names('ServiceResolver')).toEqual(['articles']);
  });

  it('when the policy splits, then the splitter weighs the subsets and the weights add up to 100 as Consul requires', () => {
    const splits = consul.one('ServiceSplitter', 'articles').spec.splits;

    expect(splits).toEqual([
      { weight: 90, serviceSubset: 'v1' },
      { weight: 10, serviceSubset: 'v2' },
    ]);
    for (const splitter of consul.all('ServiceSplitter'))
      expect(
        splitter.spec.splits.reduce((sum: number, split: { weight: number }) => sum + split.weight, 0),
      ).toBe(100);
  });

  it('when routes have matches, timeouts and retries, then the router has them in order, retry-on in Envoy’s words', () => {
    expect(consul.one('ServiceRouter', 'articles').spec.routes).toEqual([
      {
        match: { http: { methods: ['GET', 'HEAD'], pathPrefix: '/api/articles' } },
        destination: {
          requestTimeout: '2s',
          numRetries: 3,
          retryOn: ['connect-failure', 'reset', 'gateway-error', '5xx'],
        },
      },
      {
        match: { http: { methods: ['POST'] } },
        destination: { requestTimeout: '5s', numRetries: 1, retryOn: ['connect-failure'] },
      },
    ]);
  });

  it('when a route has a per-try timeout or a service faults, then Consul emits nothing for it and a note says so', () => {
    expect(consul.notes).toEqual(
      expect.arrayContaining([
        "Consul has no per-try timeout: articles' route reads gets no 500ms limit per try, only its whole-call timeout",
        expect.stringMatching(
          /^Consul's config entries have no fault injection: articles' abort \(503 for 10% of calls\)/,
        ),
        expect.stringMatching(/^Consul's config entries have no fault injection: articles' delay/),
        expect.stringMatching(/^Consul's config entries have no fault injection: comments' abort/),
      ]),
    );
  });

  it('when intentions are written, then the most general denies everything a service’s own do not allow', () => {
    expect(consul.one('ServiceIntentions', 'deny-by-default').spec).toEqual({
      destination: { name: '*' },
      sources: [{ name: '*', action: 'deny' }],
    });
  });

  it('when callers are named without methods or paths, then each is an allowed source', () => {
    expect(consul.one('ServiceIntentions', 'identity').spec).toEqual({
      destination: { name: 'identity' },
      sources: [
        { name: 'gateway', action: 'allow' },
        { name: 'profiles', action: 'allow' },
      ],
    });
  });

  it('when rules restrict methods or paths, then the caller gets L7 permissions closed by a deny, and `*`’s rules too', () => {
    const sources = consul.one('ServiceIntentions', 'articles').spec.sources;

    expect(sources).toEqual([
      { name: 'gateway', action: 'allow' },
      {
        name: 'comments',
        permissions: [
          { action: 'allow', http: { methods: ['GET'], pathPrefix: '/api/articles' } },
          { action: 'allow', http: { pathPrefix: '/api/articles/feed' } },
          { action: 'deny', http: { pathPrefix: '/' } },
        ],
      },
      {
        name: '*',
        permissions: [
          { action: 'allow', http: { pathPrefix: '/api/articles/feed' } },
          { action: 'deny', http: { pathPrefix: '/' } },
        ],
      },
    ]);
  });

  it('when the policy leaves a service’s callers open, then any mesh service may call it; when it allows none, the default denies', () => {
    expect(consul.one('ServiceIntentions', 'gateway').spec.sources).toEqual([{ name: '*', action: 'allow' }]);
    expect(consul.names('ServiceIntentions')).not.toContain('comments');
  });

  it('when installed, then the notes name the pod annotations and the CA setting for the certificate lifetime', () => {
    expect(consul.notes).toContainEqual(
      expect.stringContaining('consul.hashicorp.com/service-meta-version: <version>'),
    );
    expect(consul.notes).toContainEqual(expect.stringContaining('set LeafCertTTL to 24h'));
  });
});
