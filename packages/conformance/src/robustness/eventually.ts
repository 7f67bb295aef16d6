import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export interface Settled<T> {
  /** Whether `accept` held before the deadline. */
  ok: boolean;
  /** The last value read: the accepted one, or what was observed when time ran out. */
  value: T;
}

/**
 * Reads until `accept` holds or time runs out, so the same assertion works on strongly and eventually
 * consistent patterns without sleeping. A read that throws counts as "not yet"; if no read ever
 * succeeded, the last error is rethrown.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 5_000, intervalMs = 50 }: EventuallyOptions = {},
): Promise<Settled<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await read();
      last = { value };
      if (accept(value)) return { ok: true, value };
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  if (!last) throw lastError;
  return { ok: false, value: last.value };
}
