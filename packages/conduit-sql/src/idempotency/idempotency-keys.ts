import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../unique-violation.js';
import type { IdempotencyTables } from './idempotency.tables.js';

/** A repeat within this long gets the first answer; after it, the key is free again. */
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The key a request came with, whose it is, and what the request was. */
export interface IdempotentRequest {
  scope: string;
  key: string;
  fingerprint: string;
  /** Set by the write transaction that inserted the key, and committed with it. */
  claimed: boolean;
}

interface StoredKey {
  fingerprint: string;
  /** Null while the first request is still being answered. */
  status: number | null;
  answer: string | null;
  headers: Record<string, string>;
}

/** Thrown inside the write transaction when another request holds the key: the write rolls back. */
class IdempotencyKeyInUse extends Error {
  readonly statusCode = 409;
  readonly field = 'idempotency-key';
  constructor() {
    super('is being used by a request still in progress; retry later to get its answer');
    this.name = 'IdempotencyKeyInUse';
  }
}

// Why ambient: every pattern's writes go through writeTransaction, so the key is written in the same
// transaction as the write without threading it through each pattern's use cases (ADR 0011).
const requestInProgress = new AsyncLocalStorage<IdempotentRequest>();

/**
 * Runs the handling of one request so that the first write transaction it opens inserts the key
 * before anything else: the key and the write commit together, or neither does.
 */
function handleWithKey<T>(request: IdempotentRequest, handle: () => T): T {
  return requestInProgress.run(request, handle);
}

/**
 * Wraps a transaction's work so it first claims the request's key, if the request has one and no
 * earlier transaction of it did. A concurrent request with the same key makes the insert fail (after
 * waiting for the other transaction), and this write with it.
 */
export function claimingKey<Tables, T>(
  work: (tx: Kysely<Tables>) => Promise<T>,
): { work: (tx: Kysely<Tables>) => Promise<T>; failed(): void } {
  const claim = requestInProgress.getStore();
  if (!claim || claim.claimed) return { work, failed: () => {} };
  // Set before the insert, so a second transaction of the same request running alongside does not
  // insert the key too and fail on its own request.
  claim.claimed = true;
  return {
    work: async (tx) => {
      try {
        await (tx as unknown as Kysely<IdempotencyTables>)
          .insertInto('idempotency_keys')
          .values({
            scope: claim.scope,
            key: claim.key,
            fingerprint: claim.fingerprint,
            status: null,
            answer: null,
            headers: null,
            created_at: new Date().toISOString(),
          })
          .execute();
      } catch (error) {
        throw isUniqueViolation(error) ? new IdempotencyKeyInUse() : error;
      }
      return work(tx);
    },
    // Rolled back: a later transaction of the same request claims the key instead.
    failed: () => {
      claim.claimed = false;
    },
  };
}

/** Reading and recording keys, for the HTTP layer that answers repeats. */
export function idempotencyKeys<Tables extends IdempotencyTables>(database: Kysely<Tables>) {
  // Kysely's table types are invariant; the keys' table is all these queries touch.
  const db = database as unknown as Kysely<IdempotencyTables>;
  return {
    handleWithKey,

    /** The key's row if it was used within the window; an older row is deleted, freeing the key. */
    async find(scope: string, key: string): Promise<StoredKey | undefined> {
      const cutoff = new Date(Date.now() - IDEMPOTENCY_WINDOW_MS).toISOString();
      await db
        .deleteFrom('idempotency_keys')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('created_at', '<', cutoff)
        .execute();
      const row = await db
        .selectFrom('idempotency_keys')
        .select(['fingerprint', 'status', 'answer', 'headers'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
      return row && { ...row, headers: row.headers ? JSON.parse(row.headers) : {} };
    },

    /**
     * Records the first answer. Over a key this request claimed, always: the write committed, so even
     * a 5xx is what a retry must get instead of writing again. Without a claim (nothing was written,
     * or the write needed no transaction) only a 4xx or better is kept, and only if no other request
     * holds the key; a 5xx before any write leaves the key free, so a retry runs again.
     */
    async record(
      request: IdempotentRequest,
      status: number,
      answer: string,
      replayedHeaders: Record<string, string> = {},
    ): Promise<void> {
      const { scope, key, fingerprint } = request;
      const headers = Object.keys(replayedHeaders).length > 0 ? JSON.stringify(replayedHeaders) : null;
      if (request.claimed) {
        await db
          .updateTable('idempotency_keys')
          .set({ status, answer, headers })
          .where('scope', '=', scope)
          .where('key', '=', key)
          .execute();
      } else if (status < 500) {
        await db
          .insertInto('idempotency_keys')
          .values({ scope, key, fingerprint, status, answer, headers, created_at: new Date().toISOString() })
          .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
          .execute();
      }
    },
  };
}

export type IdempotencyKeys = ReturnType<typeof idempotencyKeys<IdempotencyTables>>;
