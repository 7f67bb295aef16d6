import type { OperationId, OperationRequest, OperationResult } from '@journey/contract';
import type { UserTokens } from '@journey/platform';
import type { FunctionDatabase } from './database.js';

/** One Conduit operation's request, validated against @journey/contract, and what it may use. */
export interface OperationInput<Op extends OperationId> extends OperationRequest<Op> {
  database: FunctionDatabase;
  tokens: UserTokens;
}

/** Returns the response body; the status comes from the contract (201, 204…). */
export type Operation<Op extends OperationId> = (input: OperationInput<Op>) => OperationResult<Op>;

/** A function's operations by operationId: one for each of its routes, or it does not type-check. */
export type Operations<Op extends OperationId> = { [K in Op]: Operation<K> };

/** A function's name and the Conduit operations it answers: what the function map and handler share. */
export interface FunctionPlan<Op extends OperationId = OperationId> {
  name: string;
  operationIds: readonly Op[];
}
