import { RequestRefused } from './failures.js';
import type { FunctionRoute } from './function-types.js';

export interface RouteMatch {
  route: FunctionRoute;
  /** Decoded path parameters, by the names in braces. */
  params: Record<string, string>;
}

/** HEAD is answered as the GET it stands for, without the body (HTTP semantics; Fastify does the same). */
export const routedMethod = (method: string): string => (method === 'HEAD' ? 'GET' : method);

/** Longer than any slug, username or id we issue: such a parameter names nothing that exists. */
const MAX_PARAM_LENGTH = 100;

const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');
const parameterName = (segment: string) => /^\{([A-Za-z]+)\}$/.exec(segment)?.[1];

/**
 * The route a request path and method name inside one function. A literal segment wins over a
 * parameter (`/api/articles/feed` before `/api/articles/{slug}`), as API Gateway picks routes; a
 * malformed percent-encoding is the client's 400. Undefined when the function has no such route.
 */
export function matchRoute(
  routes: readonly FunctionRoute[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const requested = segmentsOf(path);
  let best: { match: RouteMatch; literals: number } | undefined;
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = segmentsOf(route.path);
    if (pattern.length !== requested.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    const matches = pattern.every((segment, index) => {
      const name = parameterName(segment);
      const actual = requested[index] as string;
      if (name === undefined) {
        literals += 1;
        return segment === actual;
      }
      params[name] = decodeSegment(actual);
      return true;
    });
    if (matches && (best === undefined || literals > best.literals))
      best = { match: { route, params }, literals };
  }
  if (best && Object.values(best.match.params).some((value) => value.length > MAX_PARAM_LENGTH))
    return undefined;
  return best?.match;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RequestRefused(400, 'route', 'the URL is not validly encoded');
  }
}
