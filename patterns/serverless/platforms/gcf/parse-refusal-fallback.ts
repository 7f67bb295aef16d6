import type { Server } from 'node:http';
import type { HttpFunction, Request, Response } from '@google-cloud/functions-framework';

type ErrorMiddleware = (error: unknown, req: Request, res: Response, next: (error?: unknown) => void) => void;

/** The body-parser failures the framework meets before any function runs (body-parser's `type` codes). */
const BODY_REFUSALS = new Set(['entity.parse.failed', 'charset.unsupported', 'encoding.unsupported']);

/**
 * The framework parses every body before calling the function, and answers a malformed JSON body
 * itself with an HTML 400: on Cloud Functions the function never sees that request. Locally we hand
 * such a request to the function anyway (the bytes are still in `rawBody`, or unread in the stream),
 * so the API answers with its own RealWorld error as it does on the other platforms.
 * Deployed, this fallback does not exist: see deploy/gcf/README.md.
 */
export function passRefusedBodiesTo(server: Server, fn: HttpFunction): void {
  // The framework's server is `http.createServer(expressApp)`: its request listener is the app.
  const app = server.listeners('request')[0] as { use(middleware: ErrorMiddleware): unknown } | undefined;
  if (!app || typeof app.use !== 'function') {
    throw new Error('the functions-framework server no longer wraps an Express app: cannot add the fallback');
  }
  app.use((error, req, res, next) => {
    const type = (error as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !BODY_REFUSALS.has(type)) return next(error);
    Promise.resolve(fn(req, res)).catch(next);
  });
}
