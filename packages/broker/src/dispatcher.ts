import type { Logger } from '@journey/platform';
import type { SubscribeOptions } from './broker.port.js';
import { NACK_DELAY_ON_THROW_MS, type SettlingDelivery } from './settle-once.js';

/**
 * Hands a subscription's messages to its handler in arrival order, one handler call at a time. A
 * one-by-one subscriber gets them singly; a batch subscriber gets everything that arrived while its
 * previous call ran (up to `maxBatch`), so under load it can apply many in one transaction while a
 * lone message still goes through at once. Every adapter feeds one of these, so the three brokers
 * hand over messages the same way.
 */
export function createDispatcher(options: SubscribeOptions, maxBatch: number, logger: Logger) {
  const queue: SettlingDelivery[] = [];
  let inHand = 0;
  let draining: Promise<void> | undefined;
  const roomWaiters = new Set<() => void>();

  async function run(batch: SettlingDelivery[]) {
    try {
      if (options.handleBatch) await options.handleBatch(batch);
      else await options.handle(batch[0]!);
    } catch (error) {
      // A throw before settling is a nack, so a message is never silently dropped.
      logger.warn(
        { err: error, eventIds: batch.map((d) => d.id), types: batch.map((d) => d.type) },
        'event handler threw; nacking what it left unsettled',
      );
      for (const delivery of batch) {
        if (delivery.settled) continue;
        // A nack that fails (the connection went, the log is locked) leaves the message unsettled,
        // and the broker delivers it again when its visibility runs out: never stop the dispatcher for it.
        await delivery
          .nack({ delayMs: NACK_DELAY_ON_THROW_MS })
          .catch((nackError) => logger.warn({ err: nackError, eventId: delivery.id }, 'nack failed'));
      }
    }
  }

  async function drain() {
    // One turn of the event loop first: messages arriving in one burst (a claim, a socket read)
    // then join one batch instead of the first going alone.
    await new Promise((resolve) => setImmediate(resolve));
    const batchSize = options.handleBatch ? maxBatch : 1;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, batchSize);
        inHand = batch.length;
        try {
          await run(batch);
        } finally {
          inHand = 0;
          for (const wake of [...roomWaiters]) wake();
        }
      }
    } finally {
      draining = undefined;
    }
  }

  return {
    push(delivery: SettlingDelivery): void {
      queue.push(delivery);
      draining ??= drain();
    },
    /** Messages taken but not yet handled to the end, the one in hand included. */
    get pending(): number {
      return queue.length + inHand;
    },
    /** Resolves once fewer than `limit` messages are pending: for adapters that pull, not push. */
    async room(limit: number): Promise<void> {
      while (queue.length + inHand >= limit) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            roomWaiters.delete(wake);
            resolve();
          };
          roomWaiters.add(wake);
        });
      }
    },
    /** Resolves when every message pushed so far has been handled. */
    idle: (): Promise<void> => draining ?? Promise.resolve(),
  };
}
