import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { limits } from '@journey/contract';
import { instrumentServer } from '@journey/telemetry';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawServerDefault,
} from 'fastify';
import { registerErrorHandling, routerError } from './errors.js';
import { acceptEmptyJsonBody } from './json-body.js';

export type ConduitServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's id, set by a pattern's authentication pre-handler; null when anonymous. */
    viewerId: number | null;
  }
}

export interface ConduitServerOptions {
  /**
   * Answer browsers' cross-origin requests (the default). Only a public API needs it: a browser never
   * calls a service behind a gateway, and the hook would be paid on each of its requests for nothing.
   */
  cors?: boolean;
}

/**
 * Fastify set up the way every Conduit variant behaves on the wire — JSON only, CORS `*`, the body
 * limit, the RealWorld error shape — so the patterns differ only in what sits behind their routes.
 */
export async function createConduitServer(
  logger: FastifyBaseLogger,
  { cors: crossOrigin = true }: ConduitServerOptions = {},
): Promise<ConduitServer> {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: limits.requestBody,
    frameworkErrors: routerError,
    // A line per request would drown a benchmark; LOG_REQUESTS=true brings them back for debugging.
    logController: new LogController({ disableRequestLogging: process.env.LOG_REQUESTS !== 'true' }),
    ajv: {
      customOptions: {
        // Strings stay strings: `{"username": 123}` is a 422, not the username "123".
        coerceTypes: false,
        removeAdditional: true,
        allErrors: false,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // First, so a request's span and duration cover everything below (CORS, parsing, errors) too.
  instrumentServer(app);
  app.decorateRequest('viewerId', null);
  if (crossOrigin) {
    await app.register(cors, {
      origin: '*',
      methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowedHeaders: ['Content-Type', 'Authorization', 'X-Requested-With', 'Idempotency-Key'],
      maxAge: 600,
      // An OPTIONS without Access-Control-Request-Method is no preflight; answer it anyway, not with a text/plain 400.
      strictPreflight: false,
    });
  }
  acceptEmptyJsonBody(app);
  registerErrorHandling(app);
  return app;
}
