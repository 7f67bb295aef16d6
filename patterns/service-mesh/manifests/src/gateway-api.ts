// The model's type checks the HTTPRoutes' fields as tsc runs; the tests validate them against its schema.
import type { IHTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { RouteMatch } from '../../policy/src/mesh-policy.js';
import { metadata } from './kubernetes.js';
import { eachMethod, isRestricted } from './route-match.js';

/**
 * The Gateway API's v1. Linkerd 2.16 installs Gateway API 0.7, which serves only v1beta1: install
 * Linkerd with `enableHttpRoutes=false` and Gateway API 1.1.1 (its recommended one).
 */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const GATEWAY_API = `${GATEWAY_API_GROUP}/v1` as const;

type ParentRef = NonNullable<IHTTPRoute['spec']['parentRefs']>[number];
type RouteRule = NonNullable<IHTTPRoute['spec']['rules']>[number];

export const httpRoute = (
  name: string,
  parentRef: ParentRef,
  rule: RouteRule,
  annotations: Record<string, string> = {},
) =>
  ({
    apiVersion: GATEWAY_API,
    kind: 'HTTPRoute',
    metadata: metadata(name, Object.keys(annotations).length > 0 ? { annotations } : {}),
    spec: { parentRefs: [parentRef], rules: [rule] },
  }) satisfies IHTTPRoute;

/** The Gateway API ORs a list of matches, each with one method; a rule without matches takes every call. */
export function gatewayMatches(match: RouteMatch | undefined) {
  if (!isRestricted(match)) return {};
  return {
    matches: eachMethod(match).map((method) => ({
      ...(match?.pathPrefix !== undefined && {
        path: { type: 'PathPrefix' as const, value: match.pathPrefix },
      }),
      ...(method && { method }),
    })),
  };
}
