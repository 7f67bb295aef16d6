import type { ConduitClient } from './client.js';

/** What a check gets: a client bound to its time budget, and a poller for reads that may lag. */
export interface CheckContext {
  api: ConduitClient;
  /** `eventually()` with the run's read timeout and this check's abort signal. */
  eventually<T>(attempt: () => T | Promise<T>): Promise<T>;
  signal: AbortSignal;
}

export interface Check {
  /** Which part of the API, e.g. `users`; checks run grouped by it. */
  area: string;
  /** "when …, then …". Unique across the suite. */
  name: string;
  run(context: CheckContext): Promise<void>;
}

/** Declares an area's checks as `{ 'when …, then …': async (context) => { … } }`. */
export function area(
  name: string,
  checks: Record<string, (context: CheckContext) => Promise<void>>,
): Check[] {
  return Object.entries(checks).map(([checkName, run]) => ({ area: name, name: checkName, run }));
}
