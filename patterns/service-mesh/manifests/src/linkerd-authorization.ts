import type { AuthorizationRule } from '../../policy/src/mesh-policy.js';
import type { ClusterService } from './cluster-services.js';
import { GATEWAY_API_GROUP, gatewayMatches, httpRoute } from './gateway-api.js';
import { APP_LABEL, kubernetesName, metadata, POD_PORT_NAME } from './kubernetes.js';
import { covers, describeMatch, isRestricted, overlaps } from './route-match.js';

const POLICY = 'policy.linkerd.io';

/** Linkerd authorizes identities by their ServiceAccount; `*` is any meshed client. */
const meshTlsAuthentication = (name: string, callers: string[]) => ({
  apiVersion: `${POLICY}/v1alpha1`,
  kind: 'MeshTLSAuthentication',
  metadata: metadata(name),
  spec: callers.includes('*')
    ? { identities: ['*'] }
    : { identityRefs: [...new Set(callers)].map((caller) => ({ kind: 'ServiceAccount', name: caller })) },
});

const authorizationPolicy = (name: string, targetRef: object) => ({
  apiVersion: `${POLICY}/v1alpha1`,
  kind: 'AuthorizationPolicy',
  metadata: metadata(name),
  spec: {
    targetRef,
    requiredAuthenticationRefs: [{ group: POLICY, kind: 'MeshTLSAuthentication', name }],
  },
});

const restricted = (rule: AuthorizationRule) => isRestricted(rule.to);

/**
 * A Server denies every call to the service's port unless authorized. Rules without methods or paths
 * authorize the Server; otherwise each rule becomes an inbound HTTPRoute with its own policy.
 * Linkerd judges a call by the one route it matches, so each route also admits the callers of every
 * broader rule, as the policy's rules add up.
 */
export function linkerdAuthorization(service: ClusterService): object[] {
  const rules = service.policy.authorization ?? [];
  const server = {
    apiVersion: `${POLICY}/v1beta3`,
    kind: 'Server',
    metadata: metadata(service.name),
    spec: {
      podSelector: { matchLabels: { [APP_LABEL]: service.name } },
      port: POD_PORT_NAME,
      proxyProtocol: 'HTTP/1',
      accessPolicy: 'deny',
    },
  };
  const serverRef = { group: POLICY, kind: 'Server', name: service.name };
  if (rules.length === 0) return [server];
  if (!rules.some(restricted)) {
    const name = kubernetesName(service.name, 'callers');
    return [
      server,
      authorizationPolicy(name, serverRef),
      meshTlsAuthentication(
        name,
        rules.flatMap((rule) => rule.from),
      ),
    ];
  }
  return [
    server,
    ...rules.flatMap((rule, index) => {
      const name = kubernetesName(service.name, 'rule', String(index + 1));
      const callers = rules.filter((other) => covers(other.to, rule.to)).flatMap((other) => other.from);
      return [
        httpRoute(name, serverRef, gatewayMatches(rule.to)),
        authorizationPolicy(name, { group: GATEWAY_API_GROUP, kind: 'HTTPRoute', name }),
        meshTlsAuthentication(name, callers),
      ];
    }),
  ];
}

export function linkerdAuthorizationNotes(service: ClusterService): string[] {
  const rules = service.policy.authorization ?? [];
  if (!rules.some(restricted)) return [];
  const partial = rules.flatMap((rule, index) =>
    rules
      .slice(index + 1)
      .filter(
        (other) => overlaps(rule.to, other.to) && !covers(rule.to, other.to) && !covers(other.to, rule.to),
      )
      .map(
        (other) =>
          `Linkerd judges a call by the one route it matches: a call to ${service.name} matching both ${describeMatch(rule.to)} and ${describeMatch(other.to)} is admitted only by the callers of the more specific one, where the policy admits the callers of both`,
      ),
  );
  return [
    `Linkerd answers 404, not 403, to a call to ${service.name} that matches none of its authorization rules; a kubelet probe needs a route and a policy of its own too`,
    ...partial,
  ];
}
