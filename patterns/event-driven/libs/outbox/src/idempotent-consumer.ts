import type { Broker, Delivery, Subscription } from '@journey/broker';
import { compiledOnce } from '@journey/conduit-sql';
import { type DomainEvent, type EventType, validateEvent } from '@journey/event-driven-events';
import type { Logger } from '@journey/platform';
import type { Kysely } from 'kysely';
import { recordDeadLetter } from './dead-letters.js';
import {
  type MessagingDatabase,
  type MessagingTables,
  messagingOnly,
  messagingTablesOf,
  timestamp,
} from './messaging.tables.js';

/** Every event a consumer applies starts with this statement: compiled once, not per event. */
const recordInInbox = compiledOnce(
  (db: Kysely<MessagingTables>, row: { group: string; eventId: string; at: string }) =>
    db
      .insertInto('inbox')
      .values({ consumer_group: row.group, event_id: row.eventId, processed_at: row.at })
      .onConflict((conflict) => conflict.columns(['consumer_group', 'event_id']).doNothing()),
);

export interface RetryPolicy {
  /** Attempts before the message is parked as a dead letter (the first delivery counts). */
  maxAttempts: number;
  /** Delay before attempt `failures + 1`. */
  backoffMs(failures: number): number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  backoffMs: (failures) => Math.min(200 * 2 ** (failures - 1), 30_000),
};

export interface ConsumerDefinition<Tables extends MessagingTables = MessagingTables> {
  /** The durable consumer group, also the inbox's and dead letters' key. */
  group: string;
  types: readonly EventType[];
  /** Applies the event: runs inside the transaction that records it in the inbox. */
  apply(event: DomainEvent, tx: Kysely<Tables>): Promise<void>;
}

export interface IdempotentConsumerOptions<Tables extends MessagingTables>
  extends ConsumerDefinition<Tables> {
  database: MessagingDatabase<Tables>;
  logger: Logger;
  retry?: RetryPolicy;
  /**
   * Retry a failing message in place (wait out the backoff, apply again) instead of handing it back to
   * the broker. The subscription's later messages wait behind it, so an aggregate's events keep their
   * order even with several messages prefetched; a nack would let the later ones overtake it.
   */
  holdWhileRetrying?: boolean;
}

/**
 * pattern: idempotent consumer. Delivery is at least once, so the event id goes into the inbox in
 * the same transaction as the effect: a second delivery finds it there and changes nothing.
 */
export function createIdempotentConsumer<Tables extends MessagingTables>(
  options: IdempotentConsumerOptions<Tables>,
) {
  const { group, logger } = options;
  const database = messagingOnly(options.database);
  const retry = options.retry ?? DEFAULT_RETRY;

  /** Records the event in the inbox and applies it, inside `tx`; 'duplicate' when the inbox had it. */
  async function applyIn(tx: Kysely<Tables>, event: DomainEvent): Promise<'applied' | 'duplicate'> {
    const recorded = await recordInInbox(messagingTablesOf(tx), {
      group,
      eventId: event.id,
      at: timestamp(),
    });
    if (recorded.numAffectedRows === 0n) return 'duplicate';
    await options.apply(event, tx);
    return 'applied';
  }

  /** Validates and applies once; 'duplicate' when the inbox already has it. Throws when it fails. */
  async function applyOnce(message: unknown): Promise<'applied' | 'duplicate'> {
    const event = validateEvent(message);
    return options.database.transaction((tx) => applyIn(tx, event));
  }

  /** Counts a failure outside the rolled-back transaction; returns the failures so far. */
  async function countFailure(eventId: string, error: Error): Promise<number> {
    return database.transaction(async (tx) => {
      await tx
        .insertInto('consumer_failures')
        .values({ consumer_group: group, event_id: eventId, attempts: 1, last_error: error.message })
        .onConflict((conflict) =>
          conflict.columns(['consumer_group', 'event_id']).doUpdateSet((eb) => ({
            attempts: eb('consumer_failures.attempts', '+', 1),
            last_error: error.message,
          })),
        )
        .execute();
      const row = await tx
        .selectFrom('consumer_failures')
        .select('attempts')
        .where('consumer_group', '=', group)
        .where('event_id', '=', eventId)
        .executeTakeFirstOrThrow();
      return row.attempts;
    });
  }

  async function handle(delivery: Delivery): Promise<void> {
    for (;;) {
      const retryAfterMs = await attempt(delivery);
      if (retryAfterMs === undefined) return;
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
    }
  }

  /** One try: settles the delivery, or returns after how long to try again in place. */
  async function attempt(delivery: Delivery): Promise<number | undefined> {
    try {
      await applyOnce(delivery.message);
      await delivery.ack();
      return undefined;
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      // A message that does not match the catalogue will never apply: park it at once.
      const failures =
        error.name === 'InvalidEventError' ? retry.maxAttempts : await countFailure(delivery.id, error);
      if (failures >= retry.maxAttempts) {
        await recordDeadLetter(database, { group, delivery, error, attempts: failures });
        logger.error(
          { err: error, group, eventId: delivery.id, type: delivery.type, attempts: failures },
          'event dead-lettered',
        );
        await delivery.ack();
        return undefined;
      }
      const delayMs = retry.backoffMs(failures);
      logger.warn(
        { err: error, group, eventId: delivery.id, type: delivery.type, failures, delayMs },
        'event failed; retrying',
      );
      if (options.holdWhileRetrying) return delayMs;
      await delivery.nack({ delayMs });
      return undefined;
    }
  }

  /**
   * Applies a batch in one transaction and acks it after the commit: one commit for many events,
   * which is most of a small event's cost. If any of them fails the whole batch rolls back and each
   * goes through `handle` on its own, in order, so the one at fault is retried or parked alone and
   * the others still apply.
   */
  async function handleBatch(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 1) return handle(deliveries[0]!);
    try {
      await options.database.transaction(async (tx) => {
        for (const delivery of deliveries) await applyIn(tx, validateEvent(delivery.message));
      });
    } catch (error) {
      logger.debug({ err: error, group, events: deliveries.length }, 'batch failed; applying one by one');
      for (const delivery of deliveries) await handle(delivery);
      return;
    }
    // Each on its own: one ack that fails (its channel closed on a reconnect) only means that message
    // comes again, which the inbox absorbs; it must not leave the rest of the batch unacked.
    for (const delivery of deliveries) {
      await delivery
        .ack()
        .catch((error) => logger.warn({ err: error, group, eventId: delivery.id }, 'ack failed'));
    }
  }

  return {
    group,
    applyOnce,
    handle,
    handleBatch,
    /** Subscribes the group on the broker; stop the returned subscription on shutdown. */
    subscribe: (broker: Broker<DomainEvent>, prefetch?: number): Promise<Subscription> =>
      broker.subscribe({ group, types: options.types, handle, prefetch }),
  };
}

export type IdempotentConsumer = ReturnType<typeof createIdempotentConsumer>;
