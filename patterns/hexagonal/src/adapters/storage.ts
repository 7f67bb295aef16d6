import type { Repositories, UnitOfWork } from '../application/ports/driven/index.js';

/**
 * What `bootstrap.ts` gets from a storage adapter: the repository ports, the unit-of-work port, and
 * the plumbing around them (a health probe, a close). Not a port of the core: the core never closes
 * a database.
 */
export interface Storage extends Repositories {
  uow: UnitOfWork;
  /** Human-readable target for logs and /health; never contains a password. */
  describe: string;
  /** Resolves when the store answers (the /health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
