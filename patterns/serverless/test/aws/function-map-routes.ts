import { conduitFunctions } from '../../functions/index.js';

/** "GET /api/articles/{slug}", the way API Gateway names a route: comparable across configs. */
export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Each function of the map with its route keys, sorted: what every deploy config must declare. */
export function functionMapRoutes(): Record<string, string[]> {
  return Object.fromEntries(
    conduitFunctions.map((entry) => [
      entry.name,
      entry.routes.map((route) => routeKey(route.method, route.path)).sort(),
    ]),
  );
}

/** The function both deploy configs give the gateway's catch-all route: its matcher answers the RealWorld 404. */
export const CATCH_ALL_FUNCTION = 'tags';
