import {
  createServer,
  request as forward,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { RequestRefused } from '../../core/failures.js';
import type { FunctionResponse, FunctionRoute } from '../../core/function-types.js';
import { errorResponse } from '../../core/responses.js';
import { matchRoute } from '../../core/route-matcher.js';

/** One deployed function as the gateway reaches it: its routes and the URL its instance listens on. */
export interface GatewayTarget {
  name: string;
  routes: readonly FunctionRoute[];
  url: string;
}

/**
 * The local stand-in for what sits in front of Cloud Functions in production (API Gateway, or a load
 * balancer's URL map): Cloud Functions gives each function its own URL, and something has to turn the
 * one Conduit API into calls to six of them. It only routes; every answer comes from a function.
 */
export function createGateway(targets: readonly GatewayTarget[]): Server {
  // One route table across functions, so `/api/articles/feed` (feed) beats `/api/articles/{slug}` (articles).
  const owner = new Map<FunctionRoute, GatewayTarget>();
  for (const target of targets) for (const route of target.routes) owner.set(route, target);
  const allRoutes = [...owner.keys()];

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    let target: GatewayTarget | undefined;
    try {
      const match = routingMethods(req.method ?? 'GET')
        .map((method) => matchRoute(allRoutes, method, url.pathname))
        .find((found) => found !== undefined);
      target = match && owner.get(match.route);
    } catch (error) {
      if (!(error instanceof RequestRefused)) throw error;
      return answer(res, errorResponse(error.statusCode, error.field, error.message));
    }
    if (!target) {
      return answer(res, errorResponse(404, 'route', `no function serves ${req.method} ${url.pathname}`));
    }
    relay(req, res, target);
  });
}

const ROUTED_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;

/**
 * Which route methods can own a request: a HEAD goes where its GET goes, and a CORS preflight
 * (OPTIONS) to the function serving that path under any method. The function answers both itself.
 */
function routingMethods(method: string): readonly string[] {
  if (method === 'HEAD') return ['GET'];
  if (method === 'OPTIONS') return ROUTED_METHODS;
  return [method];
}

function relay(req: IncomingMessage, res: ServerResponse, target: GatewayTarget): void {
  const upstream = forward(new URL(req.url ?? '/', target.url), { method: req.method, headers: req.headers });
  upstream.on('response', (reply) => {
    res.writeHead(reply.statusCode ?? 502, reply.headers);
    reply.pipe(res);
  });
  upstream.on('error', (error) => {
    if (res.headersSent) return res.destroy(error);
    answer(res, errorResponse(502, 'function', `function ${target.name} did not answer: ${error.message}`));
  });
  req.pipe(upstream);
}

function answer(res: ServerResponse, response: FunctionResponse): void {
  res.writeHead(response.statusCode, response.headers).end(response.body);
}
