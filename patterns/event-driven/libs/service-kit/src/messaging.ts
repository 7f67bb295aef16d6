import { type Broker, openBrokerFromUrl, type Subscription } from '@journey/broker';
import { type DomainEvent, type EventType, eventRules } from '@journey/event-driven-events';
import {
  appendToOutbox,
  createIdempotentConsumer,
  createOutboxRelay,
  type DeadLetter,
  deadLetterStore,
  type MessagingDatabase,
  type RetryPolicy,
} from '@journey/event-driven-outbox';
import type { Logger } from '@journey/platform';
import { type AppliedWaiter, createAppliedWaiter } from './applied-waiter.js';
import type { ServiceDatabase, ServiceDb } from './service-database.js';
import type { BrokerConnection } from './settings.js';

/** What a consuming service reacts to; its consumer group is named after the service. */
export interface ServiceConsumer<Tables> {
  types: readonly EventType[];
  /** Runs inside the transaction that records the event in the inbox: both commit or neither. */
  apply(event: DomainEvent, tx: ServiceDb<Tables>): Promise<void>;
}

export interface MessagingOptions<Tables> {
  service: string;
  database: ServiceDatabase<Tables>;
  logger: Logger;
  broker: BrokerConnection;
  consumer?: ServiceConsumer<Tables>;
  /** False for a service that only consumes (views): no relay polls an outbox nobody writes. */
  publishes?: boolean;
  retry?: RetryPolicy;
}

export type Emit = (event: DomainEvent) => void;

export type Commit<Tables> = <T>(
  work: (tx: ServiceDb<Tables>, emit: Emit) => Promise<T>,
) => Promise<{ result: T; events: DomainEvent[] }>;

/** The consumer side a consuming service exposes: read-your-writes and its dead letters. */
export interface ConsumerControls {
  group: string;
  appliedWaiter: AppliedWaiter;
  deadLetters: {
    list(options?: { includeReplayed?: boolean }): Promise<DeadLetter[]>;
    /** Throws when there is no such letter, it was replayed already, or applying it fails again. */
    replay(id: number): Promise<'applied' | 'duplicate'>;
    /** The letter's state, to tell "unknown" from "already replayed" before trying. */
    find(id: number): Promise<{ replayed: boolean } | undefined>;
  };
}

export interface Messaging<Tables> {
  broker: Broker<DomainEvent>;
  /**
   * pattern: one transaction holds the state change and the events `work` emits (appended to the
   * outbox inside it); the relay is nudged once it committed. Throwing in `work` keeps neither.
   */
  commit: Commit<Tables>;
  /** Present when the service consumes. */
  consumer?: ConsumerControls;
  /** Stops taking messages (waiting for the batch in hand), stops the relay, closes the broker. */
  close(): Promise<void>;
}

/** Messages a consumer holds ahead of the ones it applies, and so its largest batch; more only adds memory and redeliveries on a crash. */
const CONSUMER_PREFETCH = 16;

/** Opens the broker, starts the outbox relay and subscribes the service's consumer group (a batch at a time). */
export async function startMessaging<Tables>(options: MessagingOptions<Tables>): Promise<Messaging<Tables>> {
  const { service, database, logger } = options;
  const broker = await openBrokerFromUrl(options.broker.url, {
    namespace: options.broker.namespace,
    events: eventRules,
    logger,
    visibilityTimeoutMs: options.broker.visibilityTimeoutMs,
  });
  // Kysely's table maps are invariant: the chassis queries only the messaging tables, so it narrows once here.
  const messagingTables = database as unknown as MessagingDatabase;
  const relay = options.publishes === false ? undefined : createOutboxRelay({ database, broker, logger });
  relay?.start();

  let subscription: Subscription | undefined;
  let consumer: ConsumerControls | undefined;
  try {
    if (options.consumer) {
      const idempotent = createIdempotentConsumer({
        database,
        logger,
        group: service,
        types: options.consumer.types,
        apply: options.consumer.apply,
        retry: options.retry,
        holdWhileRetrying: true,
      });
      const appliedWaiter = createAppliedWaiter(messagingTables, service);
      const store = deadLetterStore(database);
      // Every adapter hands a subscription's messages over in order, a batch at a time: what arrived
      // while the last batch was applied, in one transaction. A failing one is retried in place
      // (holdWhileRetrying), so one aggregate's events are applied in the order they were published,
      // while the broker already sends the next few (a round trip per message saved).
      subscription = await broker.subscribe({
        group: service,
        types: options.consumer.types,
        prefetch: CONSUMER_PREFETCH,
        async handleBatch(deliveries) {
          try {
            await idempotent.handleBatch(deliveries);
          } finally {
            for (const delivery of deliveries) appliedWaiter.notify(delivery.id);
          }
        },
      });
      consumer = {
        group: service,
        appliedWaiter,
        deadLetters: {
          list: (filter = {}) => store.list({ ...filter, group: service }),
          async replay(id) {
            const outcome = await store.replay(id, idempotent);
            appliedWaiter.recheckAll();
            return outcome;
          },
          async find(id) {
            const row = await messagingTables.db
              .selectFrom('dead_letters')
              .select(['replayed_at'])
              .where('id', '=', id)
              .where('consumer_group', '=', service)
              .executeTakeFirst();
            return row && { replayed: row.replayed_at !== null };
          },
        },
      };
    }
  } catch (error) {
    await relay?.stop();
    await broker.close();
    throw error;
  }

  const commit: Commit<Tables> = async (work) => {
    const committed = await database.transaction(async (tx) => {
      const events: DomainEvent[] = [];
      const result = await work(tx, (event) => {
        events.push(event);
      });
      if (events.length > 0 && !relay) {
        throw new Error(`${service} was started with publishes: false, yet emitted ${events[0]!.type}`);
      }
      for (const event of events) await appendToOutbox(tx, event);
      return { result, events };
    });
    if (committed.events.length > 0) relay?.nudge();
    return committed;
  };

  return {
    broker,
    commit,
    consumer,
    async close() {
      consumer?.appliedWaiter.close();
      await subscription?.stop();
      await relay?.stop();
      await broker.close();
    },
  };
}
