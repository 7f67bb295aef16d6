import type { IdGenerator } from '../../application/ports/driven/index.js';

/** Predictable suffixes for tests: `00000001`, `00000002`, … */
export function sequentialIdGenerator(): IdGenerator {
  let n = 0;
  return { next: () => (++n).toString(36).padStart(8, '0') };
}
