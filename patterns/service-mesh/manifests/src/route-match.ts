import type { HttpMethod, RouteMatch } from '../../policy/src/mesh-policy.js';

/** An empty list of methods matches as an absent one does: any method. */
const methodsOf = (match: RouteMatch | undefined): HttpMethod[] | undefined =>
  match?.methods?.length ? match.methods : undefined;

/** Whether the match narrows calls at all, by method or path. */
export const isRestricted = (match: RouteMatch | undefined) =>
  match?.pathPrefix !== undefined || methodsOf(match) !== undefined;

/** Whether every call `inner` matches is matched by `outer` too; an absent match is any call. */
export function covers(outer: RouteMatch | undefined, inner: RouteMatch | undefined): boolean {
  const outerMethods = methodsOf(outer);
  const innerMethods = methodsOf(inner);
  const methodsCovered =
    outerMethods === undefined || (innerMethods?.every((method) => outerMethods.includes(method)) ?? false);
  const pathCovered =
    outer?.pathPrefix === undefined || (inner?.pathPrefix?.startsWith(outer.pathPrefix) ?? false);
  return methodsCovered && pathCovered;
}

/** Whether some call matches both. */
export function overlaps(a: RouteMatch | undefined, b: RouteMatch | undefined): boolean {
  const aMethods = methodsOf(a);
  const bMethods = methodsOf(b);
  const methodsMeet =
    aMethods === undefined || bMethods === undefined || aMethods.some((method) => bMethods.includes(method));
  const pathsMeet =
    a?.pathPrefix === undefined ||
    b?.pathPrefix === undefined ||
    a.pathPrefix.startsWith(b.pathPrefix) ||
    b.pathPrefix.startsWith(a.pathPrefix);
  return methodsMeet && pathsMeet;
}

/** `GET,POST /api/articles*`, as notes name a match. */
export const describeMatch = (match: RouteMatch | undefined) =>
  `${methodsOf(match)?.join(',') ?? 'any method'} ${match?.pathPrefix === undefined ? 'any path' : `${match.pathPrefix}*`}`;

/**
 * Each method of the match on its own, for APIs whose match takes one method (Istio's, the Gateway
 * API's) and ORs a list of matches; `[undefined]` when any method matches.
 */
export const eachMethod = (match: RouteMatch | undefined): (HttpMethod | undefined)[] =>
  methodsOf(match) ?? [undefined];
