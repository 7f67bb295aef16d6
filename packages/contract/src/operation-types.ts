import type { Static, TSchema } from '@sinclair/typebox';
import type { OperationId, RouteContract, routes } from './routes.js';

type Route<Op extends OperationId> = (typeof routes)[Op];
type Part<Op extends OperationId, K extends keyof RouteContract> =
  Route<Op> extends { [P in K]: infer S extends TSchema } ? Static<S> : undefined;
type Viewer<Op extends OperationId> = Route<Op>['auth'] extends 'required'
  ? number
  : Route<Op>['auth'] extends 'optional'
    ? number | null
    : null;

/**
 * One operation's request as the contract validated it, and who asks: what every pattern's code for
 * that operation receives, whatever carried the request (a Fastify route, a function invocation).
 */
export interface OperationRequest<Op extends OperationId> {
  viewerId: Viewer<Op>;
  params: Part<Op, 'params'>;
  query: Part<Op, 'querystring'>;
  body: Part<Op, 'body'>;
}

/** What code answering an operation resolves to: the response body (the status comes from the contract: 201, 204…). */
export type OperationResult<Op extends OperationId> = Promise<
  Route<Op> extends { response: infer S extends TSchema } ? Static<S> : void
>;
