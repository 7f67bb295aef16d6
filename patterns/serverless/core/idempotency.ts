import { createHash } from 'node:crypto';
import { idempotencyKeys } from '@journey/conduit-sql';
import type { Logger } from '@journey/platform';
import type { FunctionDatabase } from './database.js';
import type { FunctionResponse } from './function-types.js';
import { errorResponse } from './responses.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that repeats the first one instead of running the request again. */
const REPLAYED_HEADER = 'idempotent-replayed';
const MAX_KEY_LENGTH = 255;
const WRITES = new Set(['POST', 'PUT', 'DELETE']);

/** The parts of a request a repeat must match, and whose key it is. */
export interface KeyedWrite {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The body as validated; the same JSON sent with other spacing is the same request. */
  body: unknown;
  /** Whose key: the caller's user id, or `anonymous` for registration and log-in. */
  scope: string;
  key: string | undefined;
}

/**
 * Safe retries (ADR 0011), as a function answers them: a write with an `Idempotency-Key` seen before
 * from the same caller gets the first answer again and runs nothing; with another method, path or
 * body it is a 422; while the first is still running, a 409. The key is claimed in the write's own
 * transaction (conduit-sql's writeTransaction), so across instances the database decides. `answer`
 * must turn its failures into responses: a 4xx is an answer a retry gets again.
 */
export async function answerOnce(
  database: FunctionDatabase,
  write: KeyedWrite,
  log: Pick<Logger, 'warn'>,
  answer: () => Promise<FunctionResponse>,
): Promise<FunctionResponse> {
  const { key } = write;
  if (key === undefined || !WRITES.has(write.method)) return answer();
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    return errorResponse(422, IDEMPOTENCY_KEY_HEADER, `must be 1 to ${MAX_KEY_LENGTH} characters`);
  }
  const keys = idempotencyKeys(database.db);
  const request = { scope: write.scope, key, fingerprint: fingerprintOf(write), claimed: false };
  const stored = await keys.find(request.scope, key);
  if (stored === undefined) {
    const response = await keys.handleWithKey(request, answer);
    try {
      await keys.record(request, response.statusCode, response.body);
    } catch (error) {
      // The write stands; only a retry's replay is lost (it gets a 409), so the answer still goes out.
      log.warn({ err: error }, 'could not record the answer of an idempotency key');
    }
    return response;
  }
  if (stored.fingerprint !== request.fingerprint) {
    return errorResponse(422, IDEMPOTENCY_KEY_HEADER, 'was already used for another request; send a new key');
  }
  if (stored.status === null) {
    return errorResponse(
      409,
      IDEMPOTENCY_KEY_HEADER,
      'is still being answered; retry later to get its answer',
    );
  }
  const headers: Record<string, string> = { ...stored.headers, [REPLAYED_HEADER]: 'true' };
  if (stored.answer) headers['content-type'] = 'application/json; charset=utf-8';
  return { statusCode: stored.status, headers, body: stored.answer ?? '' };
}

function fingerprintOf(write: KeyedWrite): string {
  const query = new URLSearchParams(Object.entries(write.query).sort()).toString();
  return createHash('sha256')
    .update(`${write.method} ${write.path}?${query}\n${JSON.stringify(write.body ?? null)}`)
    .digest('base64url');
}
