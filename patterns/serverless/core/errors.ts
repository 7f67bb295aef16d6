import { Forbidden, NotFound, Unauthorized, ValidationFailed } from '@journey/conduit-rules';
import { databaseUnavailable } from './database-unavailable.js';
import type { FunctionResponse } from './function-types.js';
import { errorResponse, jsonResponse } from './responses.js';

/** A failure that says which status and field it is (RequestRefused, or conduit-sql's key-in-use 409). */
interface ClientFailure {
  statusCode: number;
  field: string;
  message: string;
}

function isClientFailure(error: unknown): error is ClientFailure {
  if (!(error instanceof Error)) return false;
  const { statusCode, field } = error as Partial<ClientFailure>;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 && typeof field === 'string';
}

/**
 * Every failure as the RealWorld answer `{"errors":{key:[messages]}}`, never a stack: a client's as
 * its 4xx, a database that refuses or cannot be reached as a 503; undefined for any other error, which
 * the caller logs and answers with a 500.
 */
export function failureResponse(error: unknown): FunctionResponse | undefined {
  if (error instanceof ValidationFailed) return jsonResponse(422, { errors: error.errors });
  if (error instanceof NotFound) return errorResponse(404, error.what, 'not found');
  if (error instanceof Forbidden) return errorResponse(403, 'body', error.message);
  if (error instanceof Unauthorized) return errorResponse(401, 'token', error.message);
  if (isClientFailure(error)) return errorResponse(error.statusCode, error.field, error.message);
  const unavailable = databaseUnavailable(error);
  if (unavailable) {
    // A write may or may not have been applied when the connection broke: the caller retries, and
    // with the same Idempotency-Key that retry is applied once.
    return errorResponse(
      503,
      'database',
      `is unavailable: ${unavailable}; retry shortly (with the same Idempotency-Key for a write)`,
    );
  }
  return undefined;
}

export const internalErrorResponse = (): FunctionResponse =>
  errorResponse(500, 'body', 'internal error, see the function log');
