import type { OperationId, RouteContract, routes } from '@journey/contract';
import type { UserTokens } from '@journey/platform';
import type { Static, TSchema } from '@sinclair/typebox';
import type { FunctionDatabase } from './database.js';

type Route<Op extends OperationId> = (typeof routes)[Op];
type Part<Op extends OperationId, K extends keyof RouteContract> =
  Route<Op> extends { [P in K]: infer S extends TSchema } ? Static<S> : undefined;
type Viewer<Op extends OperationId> = Route<Op>['auth'] extends 'required'
  ? number
  : Route<Op>['auth'] extends 'optional'
    ? number | null
    : null;

/** One Conduit operation's request, validated against @journey/contract, and what it may use. */
export interface OperationInput<Op extends OperationId> {
  viewerId: Viewer<Op>;
  params: Part<Op, 'params'>;
  query: Part<Op, 'querystring'>;
  body: Part<Op, 'body'>;
  database: FunctionDatabase;
  tokens: UserTokens;
}

/** Returns the response body; the status comes from the contract (201, 204…). */
export type Operation<Op extends OperationId> = (
  input: OperationInput<Op>,
) => Promise<Route<Op> extends { response: infer S extends TSchema } ? Static<S> : void>;

/** A function's operations by operationId: one for each of its routes, or it does not type-check. */
export type Operations<Op extends OperationId> = { [K in Op]: Operation<K> };

/** A function's name and the Conduit operations it answers: what the function map and handler share. */
export interface FunctionPlan<Op extends OperationId = OperationId> {
  name: string;
  operationIds: readonly Op[];
}
