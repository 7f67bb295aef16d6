import { formatDuration } from '../../policy/src/duration.js';
import type { MeshPolicy, RoutePolicy } from '../../policy/src/mesh-policy.js';
import { type ClusterService, trafficShares } from './cluster-services.js';
import { GATEWAY_API, gatewayMatches, httpRoute } from './gateway-api.js';
import {
  APP_LABEL,
  kubernetesName,
  kubernetesService,
  SERVICE_PORT,
  VERSION_LABEL,
  WORKLOAD_CONTRACT,
  workloadObjects,
} from './kubernetes.js';
import { linkerdAuthorization, linkerdAuthorizationNotes } from './linkerd-authorization.js';
import { type GeneratedManifest, ManifestSet } from './manifest.js';
import { describeFault, ingressNotes, possessive } from './notes.js';
import { covers, isRestricted, overlaps } from './route-match.js';

const FILES = {
  workloads: 'namespace.yaml',
  routes: 'http-routes.yaml',
  authorization: 'authorization.yaml',
};

/**
 * pattern: Linkerd keeps its proxy small and its policy in annotations and standard resources:
 * routes, splits, timeouts and retries are Gateway API HTTPRoutes (annotated) whose parent is the
 * Service; outlier ejection is the Service's failure accrual; who may call is a Server with
 * AuthorizationPolicies naming MeshTLSAuthentications. It has no fault injection at all.
 */
export function linkerdManifests(policy: MeshPolicy, services: ClusterService[]): GeneratedManifest[] {
  const files = new ManifestSet();
  files.add(
    FILES.workloads,
    ...workloadObjects(
      services,
      {
        annotations: {
          'linkerd.io/inject': 'enabled',
          // A service the policy says nothing about takes any caller with a mesh identity, as in the lab.
          'config.linkerd.io/default-inbound-policy': 'all-authenticated',
        },
      },
      failureAccrual,
    ),
    ...services.flatMap(versionServices),
  );
  files.note(FILES.workloads, WORKLOAD_CONTRACT);
  files.note(
    FILES.workloads,
    `Linkerd takes its trust domain and certificate lifetime from its installation, not from a resource: install with identityTrustDomain=${policy.trustDomain} and identity.issuer.issuanceLifetime=${formatDuration(policy.certificateTtlMs)}`,
  );
  for (const note of ingressNotes(services, 'Linkerd', 'a meshed ingress controller (Linkerd ships none)'))
    files.note(FILES.workloads, note);
  files.note(
    FILES.routes,
    `Linkerd 2.16 installs Gateway API 0.7 (HTTPRoute v1beta1 only): install it with enableHttpRoutes=false and Gateway API 1.1.1 for these ${GATEWAY_API} HTTPRoutes`,
  );
  for (const service of services) {
    files.add(FILES.routes, ...outboundRoutes(service));
    for (const note of routeNotes(service)) files.note(FILES.routes, note);
    if (service.policy.authorization) {
      files.add(FILES.authorization, ...linkerdAuthorization(service));
      for (const note of linkerdAuthorizationNotes(service)) files.note(FILES.authorization, note);
    }
    for (const fault of service.policy.faults ?? [])
      files.note(
        FILES.routes,
        `Linkerd has no fault injection: ${describeFault(service.name, fault)} is not emitted (its docs instead split traffic to a backend that answers errors)`,
      );
  }
  if (usesPathPrefixes(services))
    files.note(
      FILES.routes,
      "the Gateway API's PathPrefix matches whole path segments (/api/articles matches /api/articles/1, not /api/articlesX), where the policy's prefix is a plain string prefix",
    );
  return files.list();
}

/**
 * A split needs one Service per version, since an HTTPRoute sends calls to Services, not to labels;
 * so does a service with a canary deployed and no split, so that every call goes to v1.
 */
const needsVersionServices = (service: ClusterService) => service.versions.length > 1;
const versionServiceName = (service: string, version: string) => `${service}-${version}`;

const versionServices = (service: ClusterService) =>
  needsVersionServices(service)
    ? service.versions.map((version) =>
        kubernetesService(
          versionServiceName(service.name, version),
          { [APP_LABEL]: service.name, [VERSION_LABEL]: version },
          failureAccrual(service),
        ),
      )
    : [];

/**
 * Failure accrual is Linkerd's outlier ejection, read from the Service each balancer sends to, so
 * every Service of the service carries it. The policy's interval has no counterpart: Linkerd probes
 * an ejected endpoint after min-penalty, then backs off towards max-penalty (1m by default).
 */
function failureAccrual({ policy }: ClusterService): Record<string, string> | undefined {
  const outlier = policy.outlierDetection;
  if (!outlier) return undefined;
  return {
    'balancer.linkerd.io/failure-accrual': 'consecutive',
    'balancer.linkerd.io/failure-accrual-consecutive-max-failures': String(outlier.consecutive5xxErrors),
    'balancer.linkerd.io/failure-accrual-consecutive-min-penalty': formatDuration(outlier.baseEjectionTimeMs),
    // max-penalty must stay above min-penalty; its 1m default does unless the ejection is longer.
    ...(outlier.baseEjectionTimeMs >= 60_000 && {
      'balancer.linkerd.io/failure-accrual-consecutive-max-penalty': formatDuration(
        outlier.baseEjectionTimeMs * 2,
      ),
    }),
  };
}

/** Linkerd's `retry.linkerd.io/http` names response statuses only. */
const LINKERD_RETRY_STATUSES: Record<string, string | undefined> = {
  '5xx': '5xx',
  'gateway-error': 'gateway-error',
};

const backendRefs = (service: ClusterService) => {
  if (!needsVersionServices(service)) return [{ name: service.name, port: SERVICE_PORT }];
  const shares = trafficShares(service);
  return shares.map(([version, percent]) => ({
    name: versionServiceName(service.name, version),
    port: SERVICE_PORT,
    ...(shares.length > 1 && { weight: percent }),
  }));
};

const parentService = (service: string) => ({
  group: 'core',
  kind: 'Service',
  name: service,
  port: SERVICE_PORT,
});

/**
 * Linkerd reads timeouts and retries from annotations of the whole HTTPRoute, so each policy route
 * is an HTTPRoute of its own; a catch-all one carries the split for calls no route matches, unless a
 * policy route already takes every call (two catch-alls would tie).
 */
function outboundRoutes(service: ClusterService) {
  const backends = backendRefs(service);
  const routes = (service.policy.routes ?? []).map((route) =>
    httpRoute(
      kubernetesName(service.name, route.name),
      parentService(service.name),
      { ...gatewayMatches(route.match), backendRefs: backends },
      routeAnnotations(route),
    ),
  );
  const catchAll =
    needsVersionServices(service) && (service.policy.routes ?? []).every((route) => isRestricted(route.match))
      ? [
          httpRoute(kubernetesName(service.name, 'default'), parentService(service.name), {
            backendRefs: backends,
          }),
        ]
      : [];
  return [...routes, ...catchAll];
}

function routeAnnotations({ timeoutMs, retries }: RoutePolicy): Record<string, string> {
  const statuses = (retries?.retryOn ?? []).flatMap((condition) => LINKERD_RETRY_STATUSES[condition] ?? []);
  return {
    ...(timeoutMs !== undefined && { 'timeout.linkerd.io/request': formatDuration(timeoutMs) }),
    ...(retries &&
      statuses.length > 0 && {
        'retry.linkerd.io/http': statuses.join(','),
        'retry.linkerd.io/limit': String(retries.attempts),
        ...(retries.perTryTimeoutMs !== undefined && {
          'retry.linkerd.io/timeout': formatDuration(retries.perTryTimeoutMs),
        }),
      }),
  };
}

function routeNotes(service: ClusterService): string[] {
  const routes = service.policy.routes ?? [];
  const unretried = routes.flatMap((route) => {
    const lost = (route.retries?.retryOn ?? []).filter((condition) => !LINKERD_RETRY_STATUSES[condition]);
    return lost.length === 0
      ? []
      : [
          `Linkerd retries on response statuses only: ${possessive(service.name)} route ${route.name} also retries on ${lost.join(' and ')}, which no Linkerd annotation names${lost.length === route.retries?.retryOn.length ? '; the route is not retried' : ''}`,
        ];
  });
  const reordered = routes.flatMap((earlier, index) =>
    routes
      .slice(index + 1)
      .filter((later) => overlaps(earlier.match, later.match) && !covers(later.match, earlier.match))
      .map(
        (later) =>
          `Linkerd picks the most specific HTTPRoute, not the first: a call to ${service.name} matching both ${earlier.name} and ${later.name} may take ${later.name}, where the policy takes ${earlier.name}`,
      ),
  );
  const outlier = service.policy.outlierDetection;
  const interval = outlier
    ? [
        `Linkerd has no ejection interval: ${possessive(service.name)} ejected endpoints are probed after ${formatDuration(outlier.baseEjectionTimeMs)}, then ever less often, instead of every ${formatDuration(outlier.intervalMs)}`,
      ]
    : [];
  return [...unretried, ...reordered, ...interval];
}

const usesPathPrefixes = (services: ClusterService[]) =>
  services.some(({ policy }) =>
    [
      ...(policy.routes ?? []).map((route) => route.match),
      ...(policy.authorization ?? []).map((rule) => rule.to),
    ].some((match) => match?.pathPrefix !== undefined && !match.pathPrefix.endsWith('/')),
  );
