import { conduitFunctions, eventFunctions } from '../../functions/index.js';

/** "GET /api/articles/{slug}", the way API Gateway names a route: comparable across configs. */
export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/**
 * Each function of the map with its route keys, sorted: what every deploy config must declare. An
 * event-triggered function is there too, with no route.
 */
export function functionMapRoutes(): Record<string, string[]> {
  return Object.fromEntries([
    ...conduitFunctions.map((entry) => [
      entry.name,
      entry.routes.map((route) => routeKey(route.method, route.path)).sort(),
    ]),
    ...eventFunctions.map((entry) => [entry.name, []]),
  ]);
}

/** Each event-triggered function with the event type that triggers it. */
export const eventFunctionTriggers = (): Record<string, string> =>
  Object.fromEntries(eventFunctions.map((entry) => [entry.name, entry.trigger]));

/** The instances each function may have at once: the deploy configs' cap, and the local runtime's default. */
export const INSTANCE_CAP = 5;

/** The function both deploy configs give the gateway's catch-all route: its matcher answers the RealWorld 404. */
export const CATCH_ALL_FUNCTION = 'tags';
