import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { errorBody } from './errors.js';
import { turnsByKey } from './turns-by-key.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that repeats the first one instead of running the request again. */
const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';
const MAX_KEY_LENGTH = 255;
export const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'DELETE']);

type OnSendDone = (error: Error | null, payload: unknown) => void;

/** One request's key, whose it is and what the request was; `claimed` once its write stored the key. */
export interface KeyedRequest {
  scope: string;
  key: string;
  fingerprint: string;
  claimed: boolean;
}

/**
 * Where a process keeps the keys it has seen (@journey/conduit-sql's `idempotencyKeys` over the
 * database the writes go to): read before a request runs, claimed by its write, answered after.
 */
export interface IdempotencyStore {
  find(scope: string, key: string): Promise<StoredAnswer | undefined>;
  /** Runs the rest of the request so that its write transaction inserts the key with the write. */
  handleWithKey<T>(request: KeyedRequest, handle: () => T): T;
  record(
    request: KeyedRequest,
    status: number,
    answer: string,
    headers: Record<string, string>,
  ): Promise<void>;
}

export interface StoredAnswer {
  fingerprint: string;
  /** Null while the first request is still being answered. */
  status: number | null;
  answer: string | null;
  headers: Record<string, string>;
}

export interface IdempotentRepliesOptions {
  /** Headers of the first answer a repeat carries too, e.g. the events a command announced (lower case). */
  replayedHeaders?: readonly string[];
}

/**
 * Safe retries (ADR 0011): a POST, PUT or DELETE with an `Idempotency-Key` seen before from the same
 * caller gets the first answer again and runs nothing; with another method, path or body it is a 422.
 * Returns the hooks a route adds: `preHandler` after authentication (the key is the caller's), and
 * `onSend` to record the answer.
 */
export function idempotentReplies(
  store: IdempotencyStore,
  scopeOf: (request: FastifyRequest) => string,
  { replayedHeaders = [] }: IdempotentRepliesOptions = {},
) {
  const keyed = new WeakMap<FastifyRequest, KeyedRequest>();
  const releases = new WeakMap<FastifyRequest, () => void>();
  // In one process, a repeat sent while the first is running waits for it and gets its answer, even
  // for a write too small for a transaction; across processes, the claim in the transaction decides.
  const waitForTurn = turnsByKey();

  function preHandler(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) {
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (key === undefined || !WRITES.has(request.method)) return done();
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
      reply.code(422).send(errorBody(IDEMPOTENCY_KEY_HEADER, `must be 1 to ${MAX_KEY_LENGTH} characters`));
      return;
    }
    const current: KeyedRequest = {
      scope: scopeOf(request),
      key,
      fingerprint: fingerprintOf(request),
      claimed: false,
    };
    waitForTurn(`${current.scope}\n${key}`)
      .then((release) => {
        releases.set(request, release);
        return store.find(current.scope, key);
      })
      .then((stored) => {
        if (stored === undefined) {
          keyed.set(request, current);
          return store.handleWithKey(current, () => done());
        }
        if (stored.fingerprint !== current.fingerprint) {
          return reply
            .code(422)
            .send(errorBody(IDEMPOTENCY_KEY_HEADER, 'was already used for another request; send a new key'));
        }
        if (stored.status === null) {
          return reply
            .code(409)
            .send(
              errorBody(IDEMPOTENCY_KEY_HEADER, 'is still being answered; retry later to get its answer'),
            );
        }
        reply.code(stored.status).headers(stored.headers).header(IDEMPOTENT_REPLAY_HEADER, 'true');
        if (!stored.answer) return reply.send();
        return reply.type('application/json; charset=utf-8').send(stored.answer);
      }, done);
  }

  // A callback, not an async function: most answers (every read) have no key and pass straight through.
  function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: OnSendDone) {
    const current = keyed.get(request);
    const release = releases.get(request);
    if (!current) {
      release?.();
      return done(null, payload);
    }
    const answer = typeof payload === 'string' ? payload : '';
    store
      .record(current, reply.statusCode, answer, headersOf(reply, replayedHeaders))
      .catch((error: unknown) => {
        // The write stands; only a retry's replay is lost (it gets a 409), so the answer still goes out.
        request.log.warn({ err: error }, 'could not record the answer of an idempotency key');
      })
      .finally(() => {
        release?.();
        done(null, payload);
      });
  }

  return { preHandler, onSend };
}

function headersOf(reply: FastifyReply, names: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** Method, URL and body: what must match for a repeat to be the same request. */
function fingerprintOf(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('base64url');
}
