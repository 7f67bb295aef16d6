import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Broker } from '@journey/broker';
import { type DomainEvent, keyOf } from '@journey/event-driven-events';
import type { Logger } from '@journey/platform';
import {
  type MessagingDatabase,
  type MessagingTables,
  messagingOnly,
  timestamp,
} from './messaging.tables.js';

export interface OutboxRelayOptions<Tables extends MessagingTables> {
  database: MessagingDatabase<Tables>;
  broker: Broker<DomainEvent>;
  logger: Logger;
  /** Names this relay in the lease; unique per process by default. */
  holder?: string;
  /** How long the lease lasts without renewal: a relay that died is replaced after this. */
  leaseMs?: number;
  batchSize?: number;
  /**
   * Publishes awaiting their confirm at once. One at a time caps a relay at one broker round trip
   * per event (RabbitMQ's confirms: ~90/s here); the adapters send on one channel or connection, so
   * events still reach the broker in outbox order.
   */
  maxInFlight?: number;
  pollIntervalMs?: number;
}

/**
 * Publishes the outbox in commit order and marks each row sent once the broker confirmed it.
 *
 * Two relays may run (two replicas of a service): they compete for one lease row rather than for
 * rows, because claiming rows would let the second relay publish row 2 while the first still
 * publishes row 1, and order per aggregate would be lost. The lease holder renews it on every row;
 * if it stalls past `leaseMs` the other takes over and may publish a row again: at least once,
 * which the consumers' inbox absorbs.
 */
export function createOutboxRelay<Tables extends MessagingTables>(options: OutboxRelayOptions<Tables>) {
  const { broker, logger } = options;
  const database = messagingOnly(options.database);
  const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 10_000;
  const batchSize = options.batchSize ?? 100;
  const maxInFlight = options.maxInFlight ?? 32;
  const pollIntervalMs = options.pollIntervalMs ?? 50;

  /** Takes the lease if it is free or expired, or renews it if it is ours; true when we hold it. */
  async function holdLease(): Promise<boolean> {
    const now = Date.now();
    const result = await database.db
      .updateTable('relay_lease')
      .set({ holder, expires_at: timestamp(now + leaseMs) })
      .where('name', '=', 'outbox')
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<', timestamp(now))]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** One round: publish what is pending, oldest first; stops at the first failure to keep order. */
  /** Whether the last round stopped at a publish the broker refused (it is away): the loop backs off. */
  let refused = false;

  async function publishPending(): Promise<number> {
    refused = false;
    // Idle rounds only read: the lease is written when there is something to publish.
    const anything = await database.db
      .selectFrom('outbox')
      .select('seq')
      .where('published_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    if (!anything) return 0;
    if (!(await holdLease())) return 0;
    const pending = await database.db
      .selectFrom('outbox')
      .select(['seq', 'event_id', 'type', 'body'])
      .where('published_at', 'is', null)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    let published = 0;
    let first = true;
    for (const window of inFlightWindows(pending, maxInFlight)) {
      // Renewed before each later window, not after the last: the next round renews it anyway, and
      // at a steady rate most rounds are one window, so that saves a write per round.
      if (!first && !(await holdLease())) break;
      first = false;
      const outcomes = await Promise.allSettled(window.map((row) => broker.publish(row.event)));
      // Only the confirmed rows before the first failure count as sent; the ones after it are sent
      // again next round (a consumer may see them twice). They are of other aggregates than the failed
      // one, so no aggregate's events overtake each other.
      const firstFailure = outcomes.findIndex((outcome) => outcome.status === 'rejected');
      const confirmed = firstFailure === -1 ? window : window.slice(0, firstFailure);
      if (confirmed.length > 0) {
        await database.db
          .updateTable('outbox')
          .set({ published_at: timestamp() })
          .where(
            'seq',
            'in',
            confirmed.map((row) => row.seq),
          )
          .execute();
        published += confirmed.length;
      }
      if (firstFailure !== -1) {
        const row = window[firstFailure]!;
        logger.warn(
          {
            err: (outcomes[firstFailure] as PromiseRejectedResult).reason,
            eventId: row.event_id,
            type: row.type,
          },
          'outbox relay: publish failed; will retry',
        );
        refused = true;
        break;
      }
    }
    return published;
  }

  let running = false;
  let loop: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  /** A commit nudged while a round ran: that round may have read the outbox before the commit. */
  let nudged = false;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  return {
    holder,
    publishPending,
    /** Polls until stop(): at once while there is work, every pollIntervalMs when idle, slower after errors. */
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        let failures = 0;
        let refusedRounds = 0;
        while (running) {
          try {
            nudged = false;
            const published = await publishPending();
            failures = 0;
            refusedRounds = refused ? refusedRounds + 1 : 0;
            if (refusedRounds > 0) await nap(Math.min(pollIntervalMs * 2 ** refusedRounds, 2_000));
            else if (published === 0 && !nudged) await nap(pollIntervalMs);
          } catch (error) {
            failures++;
            logger.error({ err: error, holder }, 'outbox relay: round failed');
            await nap(Math.min(pollIntervalMs * 2 ** failures, 5_000));
          }
        }
      })();
    },
    /** Call right after a commit that wrote to the outbox, so the relay does not wait for its next poll. */
    nudge() {
      nudged = true;
      wake?.();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;

interface PendingRow {
  seq: number;
  event_id: string;
  type: string;
  body: string;
}

/**
 * Splits pending rows, in order, into groups published together: at most `size` each, and never two
 * events of one aggregate in a group, since a group's publishes may fail independently.
 */
function* inFlightWindows(rows: PendingRow[], size: number) {
  let window: Array<PendingRow & { event: DomainEvent }> = [];
  const keys = new Set<string>();
  for (const row of rows) {
    const event = JSON.parse(row.body) as DomainEvent;
    const key = keyOf(event);
    if (window.length === size || keys.has(key)) {
      yield window;
      window = [];
      keys.clear();
    }
    window.push({ ...row, event });
    keys.add(key);
  }
  if (window.length > 0) yield window;
}
