import type { Delivery } from '../broker.port.js';

/**
 * Records what a subscriber is handed and lets a test wait until what it expects has arrived:
 * a poller on events, never a sleep (the test's own timeout is the bound).
 */
export function recordDeliveries(onDelivery: (delivery: Delivery, seen: number) => Promise<void> | void) {
  const deliveries: { delivery: Delivery; at: number }[] = [];
  const waiters = new Set<() => void>();
  return {
    deliveries,
    ids: () => deliveries.map((d) => d.delivery.id),
    async handle(delivery: Delivery) {
      const seen = deliveries.filter((d) => d.delivery.id === delivery.id).length;
      deliveries.push({ delivery, at: performance.now() });
      await onDelivery(delivery, seen);
      for (const waiter of waiters) waiter();
    },
    until(condition: (ids: string[]) => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (!condition(deliveries.map((d) => d.delivery.id))) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

export const count = (ids: string[], id: string) => ids.filter((seen) => seen === id).length;
