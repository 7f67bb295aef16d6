import type { IdempotencyStore, StoredAnswer } from '@journey/conduit-http';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Idempotency-Keys in this process's heap. The SQL adapters claim a key inside the write's
 * transaction (ADR 0011); here there is one process, and the HTTP layer lets requests with the same
 * key take turns, so a repeat always finds the first answer recorded and nothing needs claiming.
 */
export function memoryIdempotencyKeys(): IdempotencyStore {
  const answers = new Map<string, StoredAnswer & { at: number }>();
  const idOf = (scope: string, key: string) => `${scope}\n${key}`;
  return {
    async find(scope, key) {
      const stored = answers.get(idOf(scope, key));
      if (stored && Date.now() - stored.at > DAY_MS) answers.delete(idOf(scope, key));
      return answers.get(idOf(scope, key));
    },
    handleWithKey: (_request, handle) => handle(),
    async record({ scope, key, fingerprint }, status, answer, headers) {
      // A failure before any write leaves the key free, as in the SQL adapters.
      if (status < 500)
        answers.set(idOf(scope, key), { fingerprint, status, answer, headers, at: Date.now() });
    },
  };
}
