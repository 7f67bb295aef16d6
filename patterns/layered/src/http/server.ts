import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { limits } from '@journey/contract';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawServerDefault,
} from 'fastify';
import { registerErrorHandling, routerError } from './error-handler.js';
import { acceptEmptyJsonBodies } from './json-body.js';

export type Server = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's id, set by the authentication pre-handlers; null when anonymous. */
    viewerId: number | null;
  }
}

/** Fastify set up the way every Conduit variant behaves: JSON only, CORS `*`, body limit, RealWorld errors. */
export async function createServer(logger: FastifyBaseLogger): Promise<Server> {
  const server = Fastify({
    loggerInstance: logger,
    bodyLimit: limits.requestBody,
    // Failures inside the router, before any route runs (bad percent-encoding, over-long parameters).
    frameworkErrors: routerError,
    // A line per request would drown a benchmark; LOG_REQUESTS=true brings them back.
    logController: new LogController({ disableRequestLogging: process.env.LOG_REQUESTS !== 'true' }),
    ajv: {
      customOptions: {
        // `{"username": 123}` is a 422, not the username "123".
        coerceTypes: false,
        removeAdditional: true,
        allErrors: false,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  server.decorateRequest('viewerId', null);
  await server.register(cors, {
    origin: '*',
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Requested-With'],
    maxAge: 600,
    // A bare OPTIONS (no Access-Control-Request-Method) gets an answer too, not a text/plain 400.
    strictPreflight: false,
  });
  acceptEmptyJsonBodies(server);
  registerErrorHandling(server);
  return server;
}
