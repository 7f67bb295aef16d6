import type { Clock } from '../../application/ports/driven/index.js';

/** A clock for tests: starts at `start` and moves one millisecond each time it is read. */
export function steppingClock(start = new Date('2024-01-01T00:00:00.000Z')): Clock {
  let at = start.getTime();
  return { now: () => new Date(at++) };
}
