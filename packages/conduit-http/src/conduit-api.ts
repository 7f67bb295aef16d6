import {
  API_PREFIX,
  type OperationId,
  type OperationRequest,
  type OperationResult,
  type RouteContract,
  routes,
} from '@journey/contract';
import type { FastifySchema } from 'fastify';
import { authenticateWith, type TokenVerifier } from './authentication.js';
import { type IdempotencyStore, idempotentReplies, WRITES } from './idempotency.js';
import type { ConduitServer } from './server.js';

/** What a handler receives: the request's parts as the contract validated them, and who asks. */
export type ConduitRequest<Op extends OperationId> = OperationRequest<Op>;

/** A handler returns the response body; the status comes from the contract (201, 204…). */
export type ConduitHandler<Op extends OperationId> = (request: ConduitRequest<Op>) => OperationResult<Op>;

/** Handlers by operationId; a pattern passes one for every operation, or it does not type-check. */
export type ConduitHandlers<Op extends OperationId = OperationId> = { [K in Op]: ConduitHandler<K> };

function schemaOf(route: RouteContract): FastifySchema {
  const schema: FastifySchema = {};
  if (route.params) schema.params = route.params;
  if (route.querystring) schema.querystring = route.querystring;
  if (route.body) schema.body = route.body;
  if (route.response) schema.response = { [route.status]: route.response };
  return schema;
}

export interface ConduitApiOptions {
  /** Where the writes' Idempotency-Keys are kept; without it the header is ignored (a gateway forwards it). */
  idempotency?: IdempotencyStore | undefined;
}

/**
 * Mounts every Conduit operation under /api: the method, path, schemas, auth rule and success
 * status come from @journey/contract's route table, so a pattern supplies only what runs behind them.
 */
export async function registerConduitApi(
  server: ConduitServer,
  handlers: ConduitHandlers,
  verifyToken: TokenVerifier,
  options: ConduitApiOptions = {},
): Promise<void> {
  const auth = authenticateWith(verifyToken);
  // A key is the caller's: registration and log-in share the anonymous scope.
  const replies =
    options.idempotency &&
    idempotentReplies(options.idempotency, (request) => String(request.viewerId ?? 'anonymous'));
  await server.register(
    async (api) => {
      for (const [operationId, route] of Object.entries(routes) as [OperationId, RouteContract][]) {
        const handle = handlers[operationId] as (request: ConduitRequest<OperationId>) => Promise<unknown>;
        // Only writes take an Idempotency-Key: reads skip its hooks altogether.
        const keyed = replies !== undefined && WRITES.has(route.method);
        api.route({
          method: route.method,
          url: route.path,
          schema: schemaOf(route),
          preHandler: [
            ...(route.auth !== 'none' ? [auth[route.auth]] : []),
            ...(keyed ? [replies.preHandler] : []),
          ],
          ...(keyed && { onSend: replies.onSend }),
          handler: async (request, reply) => {
            const body = await handle({
              viewerId: request.viewerId as never,
              params: request.params as never,
              query: request.query as never,
              body: request.body as never,
            });
            return reply.code(route.status).send(body);
          },
        });
      }
    },
    { prefix: API_PREFIX },
  );
}
