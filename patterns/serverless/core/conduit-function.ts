import { type OperationId, type RouteContract, routes } from '@journey/contract';
import {
  createJwtTokens,
  createLogger,
  type Logger,
  readJwtSecret,
  type UserTokens,
} from '@journey/platform';
import { viewerOf } from './authentication.js';
import { preflightResponse, withCors } from './cors.js';
import { functionDatabase } from './database.js';
import { failureResponse, internalErrorResponse } from './errors.js';
import { routesOf } from './function-routes.js';
import type { FunctionDefinition, FunctionRequest, FunctionResponse, Invocation } from './function-types.js';
import { answerOnce, IDEMPOTENCY_KEY_HEADER } from './idempotency.js';
import { type InstanceMeter, instanceMeter } from './instance.js';
import { readJsonBody } from './json-body.js';
import type { FunctionPlan, Operation, OperationInput, Operations } from './operation.js';
import { emptyResponse, errorResponse, jsonResponse } from './responses.js';
import { matchRoute, routedMethod } from './route-matcher.js';
import { validated } from './validation.js';

/** The id a gateway in front of the functions gives each call it relays (API Gateway has its own). */
export const GATEWAY_REQUEST_ID_HEADER = 'x-gateway-request-id';

export interface ConduitFunctionDefinition extends FunctionDefinition {
  /** This module instance's invocations, cold and warm. */
  meter: InstanceMeter;
}

/**
 * A Conduit function: the operations of one route group behind the platform-neutral handler. Per
 * invocation: CORS preflight, route match, JSON body, auth, the contract's schemas, the
 * Idempotency-Key, the operation, the contract's status, the RealWorld error shape, CORS headers, and
 * one log line from the instance meter. Nothing is opened at module load; the database on first use.
 */
export function conduitFunction<Op extends OperationId>(
  plan: FunctionPlan<Op>,
  operations: Operations<Op>,
  log: Logger = createLogger(`serverless-${plan.name}`),
): ConduitFunctionDefinition {
  const functionRoutes = routesOf(plan.operationIds);
  const meter = instanceMeter(plan.name, log);
  // Read once per instance, on the first invocation that needs it, like the pool: an environment
  // variable does not change while the instance lives, and reading it at module load would lengthen
  // every cold start. It lives in this closure, not in the module, so it goes with the instance.
  let tokens: UserTokens | undefined;
  const instanceTokens = () => {
    tokens ??= createJwtTokens(readJwtSecret().jwtSecret);
    return tokens;
  };

  async function answer(request: FunctionRequest): Promise<FunctionResponse> {
    if (request.method === 'OPTIONS') return preflightResponse();
    const match = matchRoute(functionRoutes, routedMethod(request.method), request.path);
    if (match === undefined) {
      return errorResponse(404, 'route', `${request.method} ${request.path} does not exist`);
    }
    const operationId = match.route.operationId as Op;
    const contract: RouteContract = routes[operationId];
    const body = readJsonBody(request);
    const tokens = instanceTokens();
    const viewerId = await viewerOf(contract.auth, request.headers.authorization, tokens);
    const database = functionDatabase();
    const input = {
      viewerId,
      params: contract.params ? validated(contract.params, match.params, 'params') : undefined,
      query: contract.querystring ? validated(contract.querystring, request.query, 'query') : undefined,
      body: contract.body ? validated(contract.body, body, 'body') : undefined,
      database,
      tokens,
    } as OperationInput<OperationId>;
    const operation = operations[operationId] as Operation<OperationId>;
    const write = {
      method: request.method,
      path: request.path,
      query: request.query,
      body: input.body,
      // A key is the caller's: registration and log-in share the anonymous scope (ADR 0011).
      scope: String(viewerId ?? 'anonymous'),
      key: request.headers[IDEMPOTENCY_KEY_HEADER],
    };
    return answerOnce(database, write, log, () => respond(() => run(operation, contract, input)));
  }

  async function respond(answer: () => Promise<FunctionResponse>): Promise<FunctionResponse> {
    try {
      return await answer();
    } catch (error) {
      const failure = failureResponse(error);
      if (failure) return failure;
      log.error({ err: error }, 'unhandled error');
      return internalErrorResponse();
    }
  }

  async function handler(request: FunctionRequest, invocation: Invocation): Promise<FunctionResponse> {
    const timing = meter.start();
    const answered = withCors(await respond(() => answer(request)));
    const response = request.method === 'HEAD' ? { ...answered, body: '' } : answered;
    const gatewayRequestId = request.headers[GATEWAY_REQUEST_ID_HEADER];
    timing.finish({
      requestId: invocation.requestId,
      platform: invocation.platform,
      statusCode: response.statusCode,
      // Lets the local gateway pair this line with the latency it measured for the same call.
      ...(gatewayRequestId ? { gatewayRequestId } : {}),
    });
    return response;
  }

  return { name: plan.name, routes: functionRoutes, handler, meter };
}

async function run(
  operation: Operation<OperationId>,
  contract: RouteContract,
  input: OperationInput<OperationId>,
): Promise<FunctionResponse> {
  const result = await operation(input);
  return contract.response ? jsonResponse(contract.status, result) : emptyResponse(contract.status);
}
