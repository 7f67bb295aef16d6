import type { Delivery } from './broker.port.js';

/** Backoff when a handler throws instead of settling: the message comes back, but not in a tight loop. */
export const NACK_DELAY_ON_THROW_MS = 1_000;

export type SettlingDelivery = Delivery & { readonly settled: boolean };

/**
 * A Delivery whose ack/nack run once: a second call is ignored, so a handler that acks and then
 * throws cannot also nack. Adapters give it their own way to settle.
 */
export function settleOnce(
  fields: Omit<Delivery, 'ack' | 'nack'>,
  settle: { ack(): Promise<void>; nack(delayMs: number): Promise<void> },
): SettlingDelivery {
  let settled = false;
  return {
    ...fields,
    get settled() {
      return settled;
    },
    async ack() {
      if (settled) return;
      settled = true;
      await settle.ack();
    },
    async nack(options) {
      if (settled) return;
      settled = true;
      await settle.nack(options?.delayMs ?? 0);
    },
  };
}
