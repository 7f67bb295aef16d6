import { API_PREFIX, type OperationId, routes } from '@journey/contract';
import type { FunctionRoute } from './function-types.js';

/** `/articles/:slug` (the contract's Fastify syntax, under /api) → `/api/articles/{slug}` (API Gateway's). */
export const gatewayPath = (contractPath: string): string =>
  API_PREFIX + contractPath.replace(/:([A-Za-z]+)/g, '{$1}');

/** The routes of the given Conduit operations, as a deploy config and the function's matcher read them. */
export function routesOf(operationIds: readonly OperationId[]): FunctionRoute[] {
  return operationIds.map((operationId) => ({
    method: routes[operationId].method,
    path: gatewayPath(routes[operationId].path),
    operationId,
  }));
}
