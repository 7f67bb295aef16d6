import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HttpFunction, Request, Response } from '@google-cloud/functions-framework';
import type { ConduitFunction, FunctionRequest, FunctionResponse } from '../../core/function-types.js';

/**
 * A Conduit function as the Google Cloud Functions runtime calls it: an Express-style (req, res)
 * handler registered with `functions.http(name, …)` and picked by `--target=<name>`.
 */
export function toGcfHttpFunction(handler: ConduitFunction): HttpFunction {
  return async (req: Request, res: Response) => {
    const request = await functionRequestFrom(req);
    const response = await handler(request, { requestId: req.executionId ?? randomUUID(), platform: 'gcf' });
    sendFunctionResponse(res, response);
  };
}

/** The framework's Express request as the core sees every platform's request. */
export async function functionRequestFrom(req: Request): Promise<FunctionRequest> {
  // originalUrl, not req.path: the path as the client sent it, whatever the framework mounted.
  const url = new URL(req.originalUrl, 'http://function.invalid');
  const body = await rawBodyOf(req);
  return {
    method: req.method.toUpperCase(),
    path: url.pathname,
    query: firstValues(url.searchParams),
    headers: singleValuedHeaders(req.headers),
    ...(body.length > 0 ? { body: body.toString('utf8') } : {}),
  };
}

export function sendFunctionResponse(res: Response, response: FunctionResponse): void {
  // setHeader and end(), not set() and send(): Express would add a charset to the core's Content-Type.
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.status(response.statusCode).end(response.body);
}

/**
 * The body exactly as it arrived. The framework has already run body-parser (JSON, text, urlencoded,
 * raw) and keeps the bytes in `rawBody`; parsing again from those bytes lets the core apply the API's
 * own size limit and error answers instead of the framework's. A request whose content type no parser
 * claimed (none at all, for instance) still has its body unread in the stream.
 */
async function rawBodyOf(req: Request): Promise<Buffer> {
  if (req.rawBody) return req.rawBody;
  if (req.readableEnded) return Buffer.alloc(0);
  return readStream(req);
}

async function readStream(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// Object.fromEntries, not assignment: a parameter named `__proto__` or `constructor` stays plain data.
function firstValues(params: URLSearchParams): Record<string, string> {
  const first = new Map<string, string>();
  for (const [name, value] of params) if (!first.has(name)) first.set(name, value);
  return Object.fromEntries(first);
}

function singleValuedHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
    ),
  );
}
