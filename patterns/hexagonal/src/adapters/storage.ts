import type { IdempotencyStore } from '@journey/conduit-http';
import type { Repositories, UnitOfWork } from '../application/ports/driven/index.js';

/**
 * What `bootstrap.ts` gets from a storage adapter: the repository ports, the unit-of-work port, and
 * the plumbing around them (a health probe, a close). Not a port of the core: the core never closes
 * a database.
 */
export interface Storage extends Repositories {
  uow: UnitOfWork;
  /** The Idempotency-Keys the HTTP adapter answers repeats from; the SQL unit of work claims them with its write (ADR 0011). */
  idempotencyKeys: IdempotencyStore;
  /** Human-readable target for logs and /health; never contains a password. */
  describe: string;
  /** Resolves when the store answers (the /health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
