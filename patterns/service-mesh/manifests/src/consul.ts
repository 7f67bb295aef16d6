import { formatDuration } from '../../policy/src/duration.js';
import type { AuthorizationRule, MeshPolicy, RoutePolicy } from '../../policy/src/mesh-policy.js';
import { type ClusterService, trafficShares } from './cluster-services.js';
import { metadata, WORKLOAD_CONTRACT, workloadObjects } from './kubernetes.js';
import { type GeneratedManifest, ManifestSet } from './manifest.js';
import { describeFault, ingressNotes, possessive } from './notes.js';
import { isRestricted } from './route-match.js';

/** consul-k8s's config entries; ServiceRouter's retryOn needs consul-k8s 1.4 or later. */
const CONSUL = 'consul.hashicorp.com/v1alpha1';

const FILES = {
  workloads: 'namespace.yaml',
  serviceDefaults: 'service-defaults.yaml',
  serviceResolvers: 'service-resolvers.yaml',
  serviceSplitters: 'service-splitters.yaml',
  serviceRouters: 'service-routers.yaml',
  serviceIntentions: 'service-intentions.yaml',
};

/** The subset filter reads the version from the service instance's metadata. */
const VERSION_META = 'version';

/**
 * pattern: Consul splits what Istio's VirtualService holds into a discovery chain of config entries
 * (router → splitter → resolver), keeps outlier detection at the caller (ServiceDefaults'
 * upstreamConfig) and says who may call in ServiceIntentions, denied by default. Fault injection is
 * not among them.
 */
export function consulManifests(policy: MeshPolicy, services: ClusterService[]): GeneratedManifest[] {
  const files = new ManifestSet();
  files.add(FILES.workloads, ...workloadObjects(services, {}));
  files.note(
    FILES.workloads,
    `${WORKLOAD_CONTRACT}; Consul also needs the pod annotations consul.hashicorp.com/connect-inject: "true" and consul.hashicorp.com/service-meta-${VERSION_META}: <version>`,
  );
  files.note(
    FILES.workloads,
    `Consul names its trust domain after the cluster's ID and sets the certificate lifetime in its CA configuration (LeafCertTTL), not in a config entry: set LeafCertTTL to ${formatDuration(policy.certificateTtlMs)}; intentions name services, so the policy's trust domain ${policy.trustDomain} has no Consul counterpart`,
  );
  for (const note of ingressNotes(
    services,
    'Consul',
    'a Consul API gateway and an intention letting it call the service',
  ))
    files.note(FILES.workloads, note);
  for (const service of services) {
    files.add(FILES.serviceDefaults, serviceDefaults(service, services));
    if (service.versions.length > 1) files.add(FILES.serviceResolvers, serviceResolver(service));
    if (service.policy.split) files.add(FILES.serviceSplitters, serviceSplitter(service));
    if (service.policy.routes?.length) files.add(FILES.serviceRouters, serviceRouter(service));
    for (const route of service.policy.routes ?? [])
      if (route.retries?.perTryTimeoutMs !== undefined)
        files.note(
          FILES.serviceRouters,
          `Consul has no per-try timeout: ${possessive(service.name)} route ${route.name} gets no ${formatDuration(route.retries.perTryTimeoutMs)} limit per try, only its whole-call timeout`,
        );
    for (const fault of service.policy.faults ?? [])
      files.note(
        FILES.serviceRouters,
        `Consul's config entries have no fault injection: ${describeFault(service.name, fault)} is not emitted`,
      );
  }
  files.add(FILES.serviceIntentions, denyByDefault(), ...services.flatMap(serviceIntentions));
  return files.list();
}

/**
 * Protocol http turns on Consul's L7 features (routers, splitters, L7 intentions). Outlier detection
 * is a caller's passive health check of an upstream, so every service carries it for each upstream
 * the policy ejects from; it matters only to the services that do call that upstream.
 */
function serviceDefaults(service: ClusterService, services: ClusterService[]) {
  const overrides = services.flatMap(({ name, policy }) =>
    name !== service.name && policy.outlierDetection
      ? [
          {
            name,
            passiveHealthCheck: {
              maxFailures: policy.outlierDetection.consecutive5xxErrors,
              interval: formatDuration(policy.outlierDetection.intervalMs),
              baseEjectionTime: formatDuration(policy.outlierDetection.baseEjectionTimeMs),
            },
          },
        ]
      : [],
  );
  return {
    apiVersion: CONSUL,
    kind: 'ServiceDefaults',
    metadata: metadata(service.name),
    spec: { protocol: 'http', ...(overrides.length > 0 && { upstreamConfig: { overrides } }) },
  };
}

/** Subsets by the version the pod registers; calls no splitter sends elsewhere go to v1. */
const serviceResolver = ({ name, versions }: ClusterService) => ({
  apiVersion: CONSUL,
  kind: 'ServiceResolver',
  metadata: metadata(name),
  spec: {
    defaultSubset: 'v1',
    subsets: Object.fromEntries(
      versions.map((version) => [version, { filter: `Service.Meta.${VERSION_META} == ${version}` }]),
    ),
  },
});

const serviceSplitter = (service: ClusterService) => ({
  apiVersion: CONSUL,
  kind: 'ServiceSplitter',
  metadata: metadata(service.name),
  spec: {
    splits: trafficShares(service).map(([version, percent]) => ({ weight: percent, serviceSubset: version })),
  },
});

/**
 * Consul takes the first route that matches, as the policy does; a destination without a subset
 * goes on through the splitter. Its retry-on words are Envoy's, as the policy's are.
 */
const serviceRouter = ({ name, policy }: ClusterService) => ({
  apiVersion: CONSUL,
  kind: 'ServiceRouter',
  metadata: metadata(name),
  spec: { routes: (policy.routes ?? []).map(consulRoute) },
});

function consulRoute({ match, timeoutMs, retries }: RoutePolicy) {
  const methods = match?.methods?.length ? match.methods : undefined;
  const http = {
    ...(methods && { methods }),
    ...(match?.pathPrefix !== undefined && { pathPrefix: match.pathPrefix }),
  };
  return {
    ...(Object.keys(http).length > 0 && { match: { http } }),
    destination: {
      ...(timeoutMs !== undefined && { requestTimeout: formatDuration(timeoutMs) }),
      ...(retries && { numRetries: retries.attempts, retryOn: retries.retryOn }),
    },
  };
}

/** The most general intention: whatever a service's own intentions do not allow is refused. */
const denyByDefault = () => ({
  apiVersion: CONSUL,
  kind: 'ServiceIntentions',
  metadata: metadata('deny-by-default'),
  spec: { destination: { name: '*' }, sources: [{ name: '*', action: 'deny' }] },
});

const restricted = (rule: AuthorizationRule) => isRestricted(rule.to);

/**
 * One source per caller. Consul applies only the most precise source that matches (`gateway` before
 * `*`), so a caller also gets the rules that name `*`, as the policy's rules add up. A caller any of
 * whose rules is unrestricted is allowed outright; otherwise its rules become L7 permissions, closed
 * by a deny, since Consul leaves a call no permission matches to the ACL default.
 */
function serviceIntentions({ name, policy }: ClusterService): object[] {
  const rules = policy.authorization ?? [{ from: ['*'] }];
  const callers = [...new Set(rules.flatMap((rule) => rule.from))];
  // No caller at all: the deny by default says it.
  if (callers.length === 0) return [];
  const sources = callers.map((caller) => {
    const own = rules.filter((rule) => rule.from.includes(caller) || rule.from.includes('*'));
    if (own.some((rule) => !restricted(rule))) return { name: caller, action: 'allow' };
    return {
      name: caller,
      permissions: [
        ...own.map(({ to }) => ({
          action: 'allow',
          http: {
            ...(to?.methods?.length ? { methods: to.methods } : {}),
            ...(to?.pathPrefix !== undefined && { pathPrefix: to.pathPrefix }),
          },
        })),
        { action: 'deny', http: { pathPrefix: '/' } },
      ],
    };
  });
  return [
    {
      apiVersion: CONSUL,
      kind: 'ServiceIntentions',
      metadata: metadata(name),
      spec: { destination: { name }, sources },
    },
  ];
}
