import type { HttpFunctionOptions, HttpMethod } from '@azure/functions';
import { API_PREFIX } from '@journey/contract';
import type { ConduitFunction, FunctionRoute } from '../../core/function-types.js';
import { toAzureHttpHandler } from './http-adapter.js';

/** host.json's `extensions.http.routePrefix`: Azure puts it in front of every route registered below. */
export const ROUTE_PREFIX = API_PREFIX.replace(/^\//, '');

/** One `app.http(name, options)` call. */
export interface AzureHttpRegistration {
  name: string;
  options: HttpFunctionOptions;
}

interface FunctionToRegister {
  name: string;
  routes: readonly FunctionRoute[];
  handler: ConduitFunction;
}

/**
 * The `app.http` registrations of the Conduit function map. Azure binds one route template to one
 * registered function (with any number of methods), so a Conduit function with several paths becomes
 * several Azure functions sharing its handler, named `<function>-<path words>`, e.g.
 * `articles-articles-slug-favorite`. They all live in one function app: on Azure the app, not the
 * function, is what scales out, so they share instances and each instance's database pool.
 */
export function azureHttpRegistrations(functions: readonly FunctionToRegister[]): AzureHttpRegistration[] {
  return functions.flatMap(({ name, routes, handler }) => {
    const azureHandler = toAzureHttpHandler(handler);
    const methodsByRoute = new Map<string, HttpMethod[]>();
    for (const { method, path } of routes) {
      const route = azureRoute(path);
      methodsByRoute.set(route, [...(methodsByRoute.get(route) ?? []), method]);
    }
    return [...methodsByRoute].map(([route, methods]) => ({
      name: `${name}-${route.replace(/[{}]/g, '').replaceAll('/', '-')}`,
      options: { methods, route, authLevel: 'anonymous' as const, handler: azureHandler },
    }));
  });
}

/** `/api/articles/{slug}` → `articles/{slug}`: the same template syntax, without the prefix Azure adds. */
function azureRoute(path: string): string {
  const prefix = `/${ROUTE_PREFIX}/`;
  if (!path.startsWith(prefix)) throw new Error(`route ${path} is outside the ${ROUTE_PREFIX} prefix`);
  return path.slice(prefix.length);
}
