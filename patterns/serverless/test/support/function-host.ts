import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withCors } from '../../core/cors.js';
import type {
  ConduitFunction,
  FunctionRequest,
  FunctionResponse,
  FunctionRoute,
} from '../../core/function-types.js';
import { errorResponse } from '../../core/responses.js';
import { matchRoute, routedMethod } from '../../core/route-matcher.js';
import { conduitFunctions } from '../../functions/index.js';

/**
 * A test-only stand-in for API Gateway, NOT a product runtime: node:http → the function whose routes
 * match (a literal segment beating a parameter across functions too, as the gateway picks routes) →
 * FunctionRequest → the function → the HTTP answer. It lets the Conduit suites run through the six
 * functions exactly as a platform adapter would call them.
 */

/** API Gateway's own payload cap; the functions hold bodies to the API's much smaller limit. */
const GATEWAY_PAYLOAD_LIMIT = 10 * 1024 * 1024;

interface LoadedFunction {
  name: string;
  handler: ConduitFunction;
}

export interface FunctionHost {
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  close(): Promise<void>;
}

/** Imports every function in the map, as a deploy would package them. */
async function loadFunctions(): Promise<Map<FunctionRoute, LoadedFunction>> {
  const byRoute = new Map<FunctionRoute, LoadedFunction>();
  for (const entry of conduitFunctions) {
    const { handler } = await entry.load();
    for (const route of entry.routes) byRoute.set(route, { name: entry.name, handler });
  }
  return byRoute;
}

/** The function a request goes to; a preflight goes to the function that has the path for any method. */
function functionFor(
  byRoute: Map<FunctionRoute, LoadedFunction>,
  method: string,
  path: string,
): LoadedFunction | undefined {
  const routes = [...byRoute.keys()];
  if (method === 'OPTIONS') {
    const route = routes.find((candidate) => matchRoute([candidate], candidate.method, path) !== undefined);
    return route && byRoute.get(route);
  }
  const match = matchRoute(routes, routedMethod(method), path);
  return match && byRoute.get(match.route);
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_PAYLOAD_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function requestOf(request: IncomingMessage, body: string): FunctionRequest {
  const url = new URL(request.url ?? '/', 'http://function-host');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] ??= value;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: (request.method ?? 'GET').toUpperCase(), path: url.pathname, query, headers, body };
}

function send(reply: ServerResponse, response: FunctionResponse): void {
  reply.writeHead(response.statusCode, {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  });
  reply.end(response.body);
}

async function answer(
  byRoute: Map<FunctionRoute, LoadedFunction>,
  request: IncomingMessage,
): Promise<FunctionResponse> {
  const body = await readBody(request);
  if (body === undefined) return withCors(errorResponse(413, 'body', 'is too large'));
  const functionRequest = requestOf(request, body);
  let target: LoadedFunction | undefined;
  try {
    target = functionFor(byRoute, functionRequest.method, functionRequest.path);
  } catch {
    // A path that is not validly percent-encoded matches no route the gateway knows.
    target = undefined;
  }
  if (target === undefined) {
    return withCors(
      errorResponse(404, 'route', `${functionRequest.method} ${functionRequest.path} does not exist`),
    );
  }
  return target.handler(functionRequest, { requestId: randomUUID(), platform: 'local' });
}

/** Starts the host on a free port of 127.0.0.1. */
export async function startFunctionHost(): Promise<FunctionHost> {
  const byRoute = await loadFunctions();
  const server: Server = createServer((request, reply) => {
    answer(byRoute, request).then(
      (response) => send(reply, response),
      (error: unknown) => {
        // The functions answer their own failures; reaching here is a bug in this host.
        console.error('function host failed', error);
        send(reply, errorResponse(500, 'body', 'the function host failed'));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
