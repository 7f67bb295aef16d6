/** Gives back the slot a call held; calling it twice frees one slot only. */
export type Release = () => void;

/** How many calls of one function run at once, and how many wait for a slot. */
export interface InstanceCap {
  /** Resolves once the call may run; a call beyond the cap waits its turn (first come, first served). */
  acquire(): Promise<Release>;
  readonly running: number;
  readonly queued: number;
  /** Whether a call arriving now would wait. */
  readonly full: boolean;
}

/**
 * At most `limit` calls of one function at once (0: no limit), the rest queued in arrival order. On
 * AWS this is the function's reserved concurrency; Lambda itself answers a call beyond it with a 429
 * (throttled), while Cloud Functions holds it until an instance is free. Locally both queue, so no
 * request the gateway accepted is refused for want of an instance.
 */
export function instanceCap(limit: number): InstanceCap {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = (): Release => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      // The slot passes straight to the next caller, so nobody arriving meanwhile can take it.
      if (next) next();
      else running -= 1;
    };
  };
  return {
    acquire() {
      if (limit === 0 || running < limit) {
        running += 1;
        return Promise.resolve(release());
      }
      return new Promise((resolve) => waiting.push(() => resolve(release())));
    },
    get running() {
      return running;
    },
    get queued() {
      return waiting.length;
    },
    get full() {
      return limit !== 0 && running >= limit;
    },
  };
}
