import { describe, expect, it } from 'vitest';
import { generateManifests, MANIFEST_TARGETS } from '../../manifests/src/index.js';
import { kindOf, problemsOf, VALIDATORS } from './cluster-validators.js';
import { EVERY_FEATURE } from './sample-policy.js';

// biome-ignore lint/suspicious/noExplicitAny: a test breaks generated objects wherever it likes
type Loose = any;

/** One generated object of each kind, the validators' known-good input. */
const GENERATED = new Map<string, Loose>(
  MANIFEST_TARGETS.flatMap((target) => generateManifests(EVERY_FEATURE, target))
    .flatMap((manifest) => manifest.objects)
    .map((object) => [kindOf(object), object]),
);

/** A deliberate mistake per kind, each something the real API server or admission webhook refuses. */
const BREAKAGES: [kind: string, mistake: string, breakIt: (object: Loose) => void][] = [
  [
    'v1 Namespace',
    'a namespace given a namespace',
    (o) => {
      o.metadata.namespace = 'conduit';
    },
  ],
  [
    'v1 ServiceAccount',
    'an upper-case name',
    (o) => {
      o.metadata.name = 'Gateway';
    },
  ],
  [
    'v1 Service',
    'a port out of range',
    (o) => {
      o.spec.ports[0].port = 70_000;
    },
  ],
  [
    'v1 Service',
    'an annotation that is not a string',
    (o) => {
      o.metadata.annotations = { 'retry.linkerd.io/limit': 2 };
    },
  ],
  [
    'networking.istio.io/v1 VirtualService',
    'retries.attempts as a string',
    (o) => {
      o.spec.http[0].retries = { attempts: '2' };
    },
  ],
  [
    'networking.istio.io/v1 VirtualService',
    'a fault percentage as a string',
    (o) => {
      o.spec.http[0].fault = { abort: { httpStatus: 503, percentage: { value: '10' } } };
    },
  ],
  [
    'networking.istio.io/v1 DestinationRule',
    'an unknown TLS mode',
    (o) => {
      o.spec.trafficPolicy.tls.mode = 'MUTUAL_PLEASE';
    },
  ],
  [
    'security.istio.io/v1 AuthorizationPolicy',
    'an unknown action',
    (o) => {
      o.spec.action = 'PERMIT';
    },
  ],
  [
    'security.istio.io/v1 PeerAuthentication',
    'an unknown mTLS mode',
    (o) => {
      o.spec.mtls.mode = 'STRICTEST';
    },
  ],
  [
    'gateway.networking.k8s.io/v1 HTTPRoute',
    'a weight as a string',
    (o) => {
      o.spec.rules[0] = { backendRefs: [{ name: 'articles-v1', port: 80, weight: '90' }] };
    },
  ],
  [
    'gateway.networking.k8s.io/v1 HTTPRoute',
    'an unknown path match type',
    (o) => {
      o.spec.rules[0] = { matches: [{ path: { type: 'Prefix', value: '/api' } }] };
    },
  ],
  [
    'policy.linkerd.io/v1beta3 Server',
    'no pod selector',
    (o) => {
      delete o.spec.podSelector;
    },
  ],
  [
    'policy.linkerd.io/v1beta3 Server',
    'an unknown proxy protocol',
    (o) => {
      o.spec.proxyProtocol = 'HTTP/3';
    },
  ],
  [
    'policy.linkerd.io/v1alpha1 AuthorizationPolicy',
    'no required authentication',
    (o) => {
      delete o.spec.requiredAuthenticationRefs;
    },
  ],
  [
    'policy.linkerd.io/v1alpha1 MeshTLSAuthentication',
    'both identities and identityRefs',
    (o) => {
      o.spec = { identities: ['*'], identityRefs: [{ kind: 'ServiceAccount', name: 'gateway' }] };
    },
  ],
  [
    'policy.linkerd.io/v1alpha1 MeshTLSAuthentication',
    'a misspelt field',
    (o) => {
      o.spec = { identityRef: [{ kind: 'ServiceAccount', name: 'gateway' }] };
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceDefaults',
    'a protocol Consul does not know',
    (o) => {
      o.spec.protocol = 'https';
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceDefaults',
    'an ejection time that is no duration',
    (o) => {
      o.spec.upstreamConfig = {
        overrides: [{ name: 'articles', passiveHealthCheck: { baseEjectionTime: 30 } }],
      };
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceResolver',
    'an upper-case subset name',
    (o) => {
      o.spec.subsets = { V1: { filter: 'Service.Meta.version == v1' } };
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceSplitter',
    'a weight as a string',
    (o) => {
      o.spec.splits[0].weight = '90';
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceRouter',
    'numRetries as a string',
    (o) => {
      o.spec.routes[0].destination.numRetries = '2';
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceRouter',
    'a retry condition Consul does not know',
    (o) => {
      o.spec.routes[0].destination.retryOn = ['timeout'];
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceRouter',
    'a path prefix without its slash',
    (o) => {
      o.spec.routes[0].match = { http: { pathPrefix: 'api' } };
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceIntentions',
    'a source with an action and permissions',
    (o) => {
      o.spec.sources[0] = {
        name: 'gateway',
        action: 'allow',
        permissions: [{ action: 'allow', http: { pathPrefix: '/' } }],
      };
    },
  ],
  [
    'consul.hashicorp.com/v1alpha1 ServiceIntentions',
    'no source at all',
    (o) => {
      o.spec.sources = [];
    },
  ],
];

describe('the offline validators of cluster manifests', () => {
  it('when the generators emit a kind, then a validator checks it, and none is left without a breakage test', () => {
    expect([...GENERATED.keys()].sort()).toEqual(Object.keys(VALIDATORS).sort());
    expect(new Set(BREAKAGES.map(([kind]) => kind))).toEqual(new Set(Object.keys(VALIDATORS)));
  });

  it.each(BREAKAGES)('when a %s has %s, then it is refused', (kind, _, breakIt) => {
    const good = GENERATED.get(kind);
    const broken = structuredClone(good);
    breakIt(broken);

    expect(problemsOf(good)).toEqual([]);
    expect(problemsOf(broken)).not.toEqual([]);
  });

  it('when an object is of a kind no validator knows, then it is refused rather than passed', () => {
    expect(
      problemsOf({ apiVersion: 'networking.istio.io/v1', kind: 'EnvoyFilter', metadata: { name: 'x' } }),
    ).toEqual(['no validator for networking.istio.io/v1 EnvoyFilter']);
  });
});
