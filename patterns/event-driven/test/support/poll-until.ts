/**
 * Asks `probe` again until `accept` likes its answer, and returns that answer: how the tests wait for
 * something asynchronous (an event to travel) without a sleep. The test's own timeout is the bound.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  intervalMs = 20,
): Promise<T> {
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
