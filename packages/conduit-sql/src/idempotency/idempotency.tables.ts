/**
 * One row per Idempotency-Key a caller has used: claimed inside the write it guards (so the key and the
 * write commit or roll back together), its answer recorded once the reply is known.
 */
export interface IdempotencyKeysTable {
  /** Whose key: the user's id, or `anonymous` for registration and log-in. */
  scope: string;
  key: string;
  /** Hash of method, path and body: the same key with another request is refused. */
  fingerprint: string;
  /** Null while the first request is still answering. */
  status: number | null;
  /** The first answer's body as sent (empty for 204). */
  answer: string | null;
  /** The first answer's headers a repeat must carry too (JSON), e.g. the events a command announced. */
  headers: string | null;
  created_at: string;
}

export interface IdempotencyTables {
  idempotency_keys: IdempotencyKeysTable;
}
