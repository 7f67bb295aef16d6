import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as forward,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { pipeline } from 'node:stream';
import { tracedCall, tracedWait, traceNodeRequest } from '@journey/telemetry';
import type { HostedUnitsReport } from '@journey/topology';
import { GATEWAY_REQUEST_ID_HEADER } from '../../core/conduit-function.js';
import { RequestRefused } from '../../core/failures.js';
import type { FunctionResponse, FunctionRoute } from '../../core/function-types.js';
import { errorResponse, jsonResponse } from '../../core/responses.js';
import { matchRoute } from '../../core/route-matcher.js';
import { DEFAULT_REQUESTS_PER_MONTH } from './functions-report.js';
import type { InstanceCap } from './instance-cap.js';

/** The service the gateway's spans are recorded under: the topology's process. */
export const TRACED_SERVICE = 'runtime';

/** One deployed function as the gateway reaches it: its routes and the URL its platform serves it on. */
export interface GatewayTarget {
  name: string;
  routes: readonly FunctionRoute[];
  url: string;
}

export interface GatewayOptions {
  targets: readonly GatewayTarget[];
  /** Each function's instance cap (instance-cap.ts); a function without one is not capped. */
  caps: ReadonlyMap<string, InstanceCap>;
  /** `/metrics`: Prometheus text. */
  metrics(): Promise<{ contentType: string; body: string }>;
  /** `/functions`: the hosted functions, with a monthly cost for `requestsPerMonth`. */
  functions(requestsPerMonth: number): HostedUnitsReport;
  /** A relayed call's whole answer has come back, `latencyMs` after it left (time queued excluded). */
  onAnswered?(gatewayRequestId: string, latencyMs: number): void;
  /** A Conduit request has been answered (by a function or, refused, by the gateway). */
  onServed?(method: string, route: string, statusCode: number, seconds: number): void;
}

/**
 * The local stand-in for what sits in front of the functions in production (API Gateway's HTTP API
 * on AWS; API Gateway or a load balancer's URL map on Google Cloud, where each function has its own
 * URL): it turns the one Conduit API into calls to the function that owns each route, holding a call
 * while its function runs as many as its cap allows. It answers `/health`, `/metrics` and
 * `/functions` itself; every Conduit answer comes from a function.
 */
export function createGateway(options: GatewayOptions): Server {
  // One route table across functions, so `/api/articles/feed` (feed) beats `/api/articles/{slug}` (articles).
  const owner = new Map<FunctionRoute, GatewayTarget>();
  for (const target of options.targets) for (const route of target.routes) owner.set(route, target);
  const allRoutes = [...owner.keys()];

  const ownRoutes: Record<string, (url: URL, res: ServerResponse) => Promise<void> | void> = {
    '/health': (_url, res) => answer(res, jsonResponse(200, { status: 'ok' })),
    '/metrics': async (_url, res) => {
      const { contentType, body } = await options.metrics();
      res.writeHead(200, { 'content-type': contentType }).end(body);
    },
    '/functions': (url, res) => {
      const requestsPerMonth = requestsPerMonthOf(url);
      if (requestsPerMonth === undefined) {
        return answer(res, errorResponse(400, 'requestsPerMonth', 'must be a whole number from 1 to 10^12'));
      }
      answer(res, jsonResponse(200, options.functions(requestsPerMonth)));
    },
  };

  return createServer((req, res) => {
    const url = requestUrl(req.url);
    if (!url) return answer(res, errorResponse(400, 'url', `"${req.url}" is not a path this API serves`));
    const own = req.method === 'GET' ? ownRoutes[url.pathname] : undefined;
    if (own) {
      Promise.resolve(own(url, res)).catch((error: unknown) => {
        answer(res, errorResponse(500, 'gateway', `${url.pathname} failed: ${(error as Error).message}`));
      });
      return;
    }
    let target: GatewayTarget | undefined;
    let route = 'unmatched';
    const arrived = performance.now();
    res.once('finish', () =>
      options.onServed?.(req.method ?? 'GET', route, res.statusCode, (performance.now() - arrived) / 1000),
    );
    try {
      const match = routingMethods(req.method ?? 'GET')
        .map((method) => matchRoute(allRoutes, method, url.pathname))
        .find((found) => found !== undefined);
      target = match && owner.get(match.route);
      if (match) route = match.route.path;
    } catch (error) {
      if (!(error instanceof RequestRefused)) throw error;
      return answer(res, errorResponse(error.statusCode, error.field, error.message));
    }
    if (!target) {
      return answer(res, errorResponse(404, 'route', `no function serves ${req.method} ${url.pathname}`));
    }
    const chosen = target;
    const hooks = { release: () => {}, onAnswered: options.onAnswered ?? (() => {}) };
    traceNodeRequest(TRACED_SERVICE, { req, res, route }, () => {
      const cap = options.caps.get(chosen.name);
      if (!cap) return void invoke(req, res, chosen, route, hooks);
      // A client that leaves while its call waits for a slot is not forwarded at all: its request can
      // no longer be read, so the function would wait for it, holding the slot, for good.
      let clientLeft = false;
      res.once('close', () => {
        clientLeft = !res.writableFinished;
      });
      const slot = cap.full
        ? tracedWait(`wait for an instance of ${chosen.name}`, () => cap.acquire())
        : cap.acquire();
      void slot.then((release) =>
        clientLeft ? release() : invoke(req, res, chosen, route, { ...hooks, release }),
      );
    });
  });
}

/**
 * The request's path and query, or undefined for a target that is not one: a request line may carry
 * anything (`http://[`, `//elsewhere/api/tags`), and only a path of ours is ever routed or forwarded.
 */
function requestUrl(target: string | undefined): URL | undefined {
  if (!target?.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://gateway.invalid');
  } catch {
    return undefined;
  }
}

function requestsPerMonthOf(url: URL): number | undefined {
  const given = url.searchParams.get('requestsPerMonth');
  if (given === null) return DEFAULT_REQUESTS_PER_MONTH;
  const value = Number(given);
  return /^\d+$/.test(given) && value >= 1 && value <= 1e12 ? value : undefined;
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

interface RelayHooks {
  release(): void;
  onAnswered(gatewayRequestId: string, latencyMs: number): void;
}

/**
 * One invocation of the function, as a client span of the request's (`invoke articles`): the call
 * relayed, and its duration recorded per function in `downstream_request_duration_seconds`.
 */
async function invoke(
  req: IncomingMessage,
  res: ServerResponse,
  target: GatewayTarget,
  route: string,
  hooks: RelayHooks,
): Promise<void> {
  await tracedCall(
    {
      target: target.name,
      route,
      spanName: `invoke ${target.name}`,
      // https://opentelemetry.io/docs/specs/semconv/faas/faas-spans/#outgoing-invocations
      attributes: { 'faas.invoked_name': target.name },
    },
    (traceHeaders) => relay(req, res, target, hooks, traceHeaders),
    () => 'error',
  ).catch(() => {
    // The client has its 502 already (relay); the span and the metrics record the failure.
  });
}

/**
 * Forwards the call with an id of the gateway's and frees its slot once the function's answer has
 * been read to the end (or the call failed): the instance is busy until then, even if the client has
 * gone away meanwhile. One that leaves while sending its body ends the call: a half-sent request would
 * hold the slot. Settles when the call is over.
 */
function relay(
  req: IncomingMessage,
  res: ServerResponse,
  target: GatewayTarget,
  hooks: RelayHooks,
  traceHeaders: Record<string, string>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const id = randomUUID();
    const started = performance.now();
    // The path and query only: the function's origin is the gateway's to choose, never the request's.
    const to = new URL(target.url);
    const asked = new URL(req.url ?? '/', 'http://gateway.invalid');
    to.pathname = asked.pathname;
    to.search = asked.search;
    const upstream = forward(to, {
      method: req.method,
      headers: {
        ...req.headers,
        ...untypedBodyHeader(req),
        ...traceHeaders,
        [GATEWAY_REQUEST_ID_HEADER]: id,
      },
    });
    upstream.once('close', () => {
      hooks.release();
      resolve();
    });
    upstream.on('response', (reply) => {
      reply.once('end', () => hooks.onAnswered(id, performance.now() - started));
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      // A client gone before the whole answer was written ends the answer too (the function has
      // answered already): left unread, it would never end and its call would hold the slot for good.
      pipeline(reply, res, () => {});
    });
    upstream.on('error', (error) => {
      reject(error);
      if (res.headersSent) return res.destroy(error);
      answer(res, errorResponse(502, 'function', `function ${target.name} did not answer: ${error.message}`));
    });
    req.once('close', () => {
      if (!req.complete) upstream.destroy();
    });
    req.pipe(upstream);
  });
}

/**
 * A body sent without a Content-Type is application/octet-stream (RFC 9110, 8.3), and says so on its
 * way on: serverless-offline would otherwise label it application/json, which API Gateway never does,
 * and the function would take for JSON what it must refuse with a 415.
 */
function untypedBodyHeader(req: IncomingMessage): Record<string, string> {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  return hasBody && req.headers['content-type'] === undefined
    ? { 'content-type': 'application/octet-stream' }
    : {};
}

function answer(res: ServerResponse, response: FunctionResponse): void {
  if (res.headersSent) return void res.end();
  res.writeHead(response.statusCode, response.headers).end(response.body);
}
