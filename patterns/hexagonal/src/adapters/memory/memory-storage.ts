import type { Storage } from '../storage.js';
import { memoryIdempotencyKeys } from './memory-idempotency-keys.js';
import { memoryRepositories } from './memory-repositories.js';
import { MemoryStore } from './memory-store.js';

/** `DATABASE_URL=memory:` — everything in this process's heap, gone when it stops. */
export function memoryStorage(store = new MemoryStore()): Storage {
  return {
    ...memoryRepositories(store),
    idempotencyKeys: memoryIdempotencyKeys(),
    describe: 'memory (lost on restart)',
    ping: async () => {},
    close: async () => {},
  };
}
