import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawServerDefault,
} from 'fastify';
import { registerErrorHandling, routerError } from './registry.errors.js';

export type RegistryServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A registration is a few hundred bytes; anything near this limit is not one. */
const BODY_LIMIT = 16 * 1024;

/**
 * Plain Fastify rather than the Conduit server of @journey/conduit-http: the registry is internal
 * plumbing, not the Conduit API (no CORS, no idempotency keys), but it answers errors in the same shape.
 */
export function createRegistryServer(logger: FastifyBaseLogger): RegistryServer {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT,
    // Above the longest id the schema allows, so a long one gets the schema's 422, not the router's 414.
    routerOptions: { maxParamLength: 256 },
    frameworkErrors: routerError,
    // Every instance heartbeats a few times per lease: a line per request would bury the registrations.
    logController: new LogController({ disableRequestLogging: process.env.LOG_REQUESTS !== 'true' }),
    ajv: { customOptions: { coerceTypes: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandling(app);
  return app;
}
