import { eventually } from '../eventually.js';

export interface SettleOptions {
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
 * `eventually` for reports rather than assertions: reads until `accept` holds or time runs out, and
 * returns the last value either way, so a failed count can say what it saw. A read that throws counts
 * as "not yet"; if no read ever succeeded, the error is rethrown.
 */
export async function settle<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 5_000, intervalMs = 50 }: SettleOptions = {},
): Promise<Settled<T>> {
  let last: { value: T } | undefined;
  try {
    const value = await eventually(
      async () => {
        const value = await read();
        last = { value };
        if (!accept(value)) throw new Error('not settled yet');
        return value;
      },
      { timeoutMs, intervalMs, maxIntervalMs: intervalMs },
    );
    return { ok: true, value };
  } catch (error) {
    if (!last) throw error;
    return { ok: false, value: last.value };
  }
}
