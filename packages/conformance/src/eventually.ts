export interface EventuallyOptions {
  /** Give up after this long; the last failure is reported. Default 5 s. */
  timeoutMs?: number;
  /** First pause between attempts; it doubles up to `maxIntervalMs`. Default 20 ms. */
  intervalMs?: number;
  /** Longest pause between attempts. Default 250 ms. */
  maxIntervalMs?: number;
  /** Stops polling at once (the check was cancelled or timed out). */
  signal?: AbortSignal;
}

/**
 * Retries `attempt` until it resolves without throwing, and returns its value. Eventually-consistent
 * patterns (read models, event handlers) apply writes a little later, so a read after a write is
 * polled rather than slept on: a fast system passes at the first try, a slow one gets until
 * `timeoutMs`, and a broken one fails with the last assertion it tripped over.
 */
export async function eventually<T>(
  attempt: () => T | Promise<T>,
  options: EventuallyOptions = {},
): Promise<T> {
  const { timeoutMs = 5_000, intervalMs = 20, maxIntervalMs = 250, signal } = options;
  const deadline = performance.now() + timeoutMs;
  let pause = intervalMs;
  for (let tries = 1; ; tries++) {
    signal?.throwIfAborted();
    try {
      return await attempt();
    } catch (error) {
      const left = deadline - performance.now();
      if (left <= 0 || signal?.aborted) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`still failing after ${timeoutMs} ms (${tries} tries): ${message}`, { cause: error });
      }
      await pauseFor(Math.min(pause, left), signal);
      pause = Math.min(pause * 2, maxIntervalMs);
    }
  }
}

function pauseFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
