// The models' types check the objects' fields as tsc runs; the tests validate them against the schemas.
import type { IDestinationRule } from '@kubernetes-models/istio/networking.istio.io/v1/DestinationRule';
import type { IVirtualService } from '@kubernetes-models/istio/networking.istio.io/v1/VirtualService';
import type { IAuthorizationPolicy } from '@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy';
import type { IPeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import { formatDuration } from '../../policy/src/duration.js';
import type { FaultInjection, MeshPolicy, RouteMatch, RoutePolicy } from '../../policy/src/mesh-policy.js';
import { type ClusterService, trafficShares } from './cluster-services.js';
import {
  APP_LABEL,
  metadata,
  NAMESPACE,
  VERSION_LABEL,
  WORKLOAD_CONTRACT,
  workloadObjects,
} from './kubernetes.js';
import { type GeneratedManifest, ManifestSet } from './manifest.js';
import { describeFault, ingressNotes } from './notes.js';
import { describeMatch, eachMethod, isRestricted } from './route-match.js';

/** The v1 APIs: networking.istio.io/v1 needs Istio 1.22 or later. */
const NETWORKING = 'networking.istio.io/v1';
const SECURITY = 'security.istio.io/v1';

const FILES = {
  workloads: 'namespace.yaml',
  peerAuthentication: 'peer-authentication.yaml',
  destinationRules: 'destination-rules.yaml',
  virtualServices: 'virtual-services.yaml',
  authorizationPolicies: 'authorization-policies.yaml',
};

/** Istio retries twice when a route says nothing; the policy retries only where it says so. */
const NO_RETRIES = { attempts: 0 };

/**
 * pattern: the policy file is Istio's ideas in one document, so Istio expresses nearly all of it:
 * a DestinationRule per service (subsets by version, outlier detection, mTLS), a VirtualService (the
 * caller's routes, split, retries, timeouts, faults), an AuthorizationPolicy (who may call) and one
 * PeerAuthentication making mTLS strict in the namespace.
 */
export function istioManifests(policy: MeshPolicy, services: ClusterService[]): GeneratedManifest[] {
  const files = new ManifestSet();
  files.add(FILES.workloads, ...workloadObjects(services, { labels: { 'istio-injection': 'enabled' } }));
  files.note(FILES.workloads, WORKLOAD_CONTRACT);
  files.note(
    FILES.workloads,
    `Istio takes its trust domain from its installation, not from a resource: install with meshConfig.trustDomain=${policy.trustDomain}`,
  );
  files.note(
    FILES.workloads,
    `Istio's workload certificate lifetime is what each proxy asks for (its SECRET_TTL environment variable), not a resource: set it to ${formatDuration(policy.certificateTtlMs)}`,
  );
  for (const note of ingressNotes(
    services,
    'Istio',
    'an Istio ingress gateway (a Gateway bound to a VirtualService)',
  ))
    files.note(FILES.workloads, note);
  files.add(FILES.peerAuthentication, strictMutualTls());
  for (const service of services) {
    files.add(FILES.destinationRules, destinationRule(service));
    const { object, notes } = virtualService(service);
    files.add(FILES.virtualServices, object);
    for (const note of notes) files.note(FILES.virtualServices, note);
    if (service.policy.authorization)
      files.add(FILES.authorizationPolicies, authorizationPolicy(policy.trustDomain, service));
  }
  return files.list();
}

/** No selector: every workload of the namespace refuses plaintext. */
const strictMutualTls = () =>
  ({
    apiVersion: SECURITY,
    kind: 'PeerAuthentication',
    metadata: metadata('default'),
    spec: { mtls: { mode: 'STRICT' } },
  }) satisfies IPeerAuthentication;

function destinationRule({ name, versions, policy }: ClusterService) {
  const outlier = policy.outlierDetection;
  return {
    apiVersion: NETWORKING,
    kind: 'DestinationRule',
    metadata: metadata(name),
    spec: {
      host: name,
      trafficPolicy: {
        tls: { mode: 'ISTIO_MUTUAL' },
        ...(outlier && {
          outlierDetection: {
            consecutive5xxErrors: outlier.consecutive5xxErrors,
            interval: formatDuration(outlier.intervalMs),
            baseEjectionTime: formatDuration(outlier.baseEjectionTimeMs),
          },
        }),
      },
      subsets: versions.map((version) => ({ name: version, labels: { [VERSION_LABEL]: version } })),
    },
  } satisfies IDestinationRule;
}

interface Destination {
  destination: { host: string; subset: string };
  weight?: number;
}

/** Istio ORs a list of matches, each with one method; the policy's prefix is a URI prefix. */
function istioMatch(match: RouteMatch | undefined) {
  if (!isRestricted(match)) return {};
  return {
    match: eachMethod(match).map((method) => ({
      ...(method && { method: { exact: method } }),
      ...(match?.pathPrefix !== undefined && { uri: { prefix: match.pathPrefix } }),
    })),
  };
}

/**
 * Routes in the policy's order, since Istio too takes the first that matches: the faults first (a
 * route that injects cannot also time out or retry), then the policy's routes, then everything else
 * to the split without retries.
 */
function virtualService(service: ClusterService) {
  const shares = trafficShares(service);
  const destinations = shares.map(
    ([version, percent]): Destination => ({
      destination: { host: service.name, subset: version },
      ...(shares.length > 1 && { weight: percent }),
    }),
  );
  const notes: string[] = [];
  const faults = (service.policy.faults ?? []).filter((fault) => {
    const expressible =
      fault.version === undefined || (shares.length === 1 && shares[0]?.[0] === fault.version);
    if (!expressible)
      notes.push(
        `Istio injects faults at the caller, before it picks a version: ${describeFault(service.name, fault)} cannot be kept off the other versions while the split sends calls to ${shares.map(([version]) => version).join(' and ')}; not emitted`,
      );
    return expressible;
  });
  if (faults.length > 0)
    notes.push(
      `Istio injects faults at the caller's proxy and turns off timeouts and retries on a route that injects them: calls to ${service.name} matching ${faults.map((fault) => describeMatch(fault.match)).join(' or ')} get no timeout and no retries, and an injected abort reaches the caller unretried (the lab's sidecars inject at the callee, where callers' retries still apply)`,
    );
  const routes = service.policy.routes ?? [];
  // A policy route that matches every call leaves nothing for a default one.
  const unmatched = routes.every((route) => isRestricted(route.match))
    ? [{ name: 'default', route: destinations, retries: NO_RETRIES }]
    : [];
  const http = [
    ...faults.map((fault, index) => faultRoute(fault, `fault-${index + 1}`, destinations)),
    ...routes.map((route) => policyRoute(route, destinations)),
    ...unmatched,
  ];
  const object = {
    apiVersion: NETWORKING,
    kind: 'VirtualService',
    metadata: metadata(service.name),
    spec: { hosts: [service.name], http },
  } satisfies IVirtualService;
  return { object, notes };
}

const faultRoute = (fault: FaultInjection, name: string, destinations: Destination[]) => ({
  name,
  ...istioMatch(fault.match),
  fault: {
    ...(fault.delay && {
      delay: {
        percentage: { value: fault.delay.percent },
        fixedDelay: formatDuration(fault.delay.fixedDelayMs),
      },
    }),
    ...(fault.abort && {
      abort: { percentage: { value: fault.abort.percent }, httpStatus: fault.abort.status },
    }),
  },
  route: destinations,
});

/** The policy's retry-on words are Envoy's, which Istio passes on as they are. */
const policyRoute = (route: RoutePolicy, destinations: Destination[]) => ({
  name: route.name,
  ...istioMatch(route.match),
  route: destinations,
  ...(route.timeoutMs !== undefined && { timeout: formatDuration(route.timeoutMs) }),
  retries: route.retries
    ? {
        attempts: route.retries.attempts,
        ...(route.retries.perTryTimeoutMs !== undefined && {
          perTryTimeout: formatDuration(route.retries.perTryTimeoutMs),
        }),
        retryOn: route.retries.retryOn.join(','),
      }
    : NO_RETRIES,
});

/**
 * Istio's principal is the SPIFFE ID without its `spiffe://` scheme, in the cluster's namespace:
 * `conduit.journey/ns/conduit/sa/gateway`. `*` is Istio's "any authenticated peer", as in the policy.
 */
export const istioPrincipal = (trustDomain: string, caller: string) =>
  caller === '*' ? '*' : `${trustDomain}/ns/${NAMESPACE}/sa/${caller}`;

/** ALLOW with the policy's rules: a call no rule matches is refused (403), and no rule refuses all. */
function authorizationPolicy(trustDomain: string, { name, policy }: ClusterService) {
  return {
    apiVersion: SECURITY,
    kind: 'AuthorizationPolicy',
    metadata: metadata(name),
    spec: {
      selector: { matchLabels: { [APP_LABEL]: name } },
      action: 'ALLOW',
      rules: (policy.authorization ?? []).map((rule) => {
        const methods = rule.to?.methods?.length ? rule.to.methods : undefined;
        const pathPrefix = rule.to?.pathPrefix;
        return {
          from: [{ source: { principals: rule.from.map((caller) => istioPrincipal(trustDomain, caller)) } }],
          // Istio's `abc*` is a prefix match.
          ...(isRestricted(rule.to) && {
            to: [
              {
                operation: {
                  ...(methods && { methods }),
                  ...(pathPrefix !== undefined && { paths: [`${pathPrefix}*`] }),
                },
              },
            ],
          }),
        };
      }),
    },
  } satisfies IAuthorizationPolicy;
}
