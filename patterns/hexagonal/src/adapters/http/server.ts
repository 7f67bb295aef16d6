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
import { acceptEmptyJsonBody } from './json-body.js';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user's id, set by the `auth.required` / `auth.optional` pre-handlers. */
    viewerId: number | null;
  }
}

/** A Fastify instance with what every Conduit server shares: JSON, CORS, limits, the error shape. */
export async function createServer(logger: FastifyBaseLogger): Promise<App> {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: limits.requestBody,
    frameworkErrors: routerError,
    // Per-request lines would drown a benchmark; LOG_REQUESTS=true brings them back for debugging.
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

  app.decorateRequest('viewerId', null);
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Requested-With'],
    maxAge: 600,
    // An OPTIONS without Access-Control-Request-Method is no preflight; answer it anyway instead of a text/plain 400.
    strictPreflight: false,
  });
  acceptEmptyJsonBody(app);
  registerErrorHandling(app);
  return app;
}
