import type { DomainEvent, EventType } from '@journey/event-driven-events';

export type BrokerKind = 'embedded' | 'rabbitmq' | 'nats';
export const BROKER_KINDS: readonly BrokerKind[] = ['embedded', 'rabbitmq', 'nats'];

/**
 * One message handed to a consumer group. The consumer settles it exactly once: `ack` when its
 * effect is committed, `nack` to have it delivered again after `delayMs`. A message never settled
 * (the consumer died) is delivered again too: delivery is at least once, never at most once.
 */
export interface Delivery {
  /** The event's id: what an idempotent consumer records. */
  id: string;
  type: string;
  /** The aggregate key (`article:7`): order is kept per key where the broker promises order. */
  key: string;
  /** The envelope as it arrived, still untrusted: the consumer validates it (validateEvent). */
  message: unknown;
  ack(): Promise<void>;
  nack(options?: { delayMs?: number }): Promise<void>;
}

interface SubscribeCommon {
  /**
   * A durable consumer group: it outlives its processes, and each group gets every event of its
   * types published after the group was first subscribed. Processes of one group share the work.
   */
  group: string;
  types: readonly EventType[];
  /** How many messages the handler may have in hand or queued at once; also the largest batch. */
  prefetch?: number;
}

/**
 * A subscriber takes its messages one by one (`handle`), or in batches (`handleBatch`): every message
 * that arrived while its previous batch was handled, in order, so it can apply them in one
 * transaction. Each delivery in a batch is still settled on its own. Either way, the next call comes
 * only after the previous one returned.
 */
export type SubscribeOptions = SubscribeCommon &
  (
    | { handle(delivery: Delivery): Promise<void>; handleBatch?: never }
    | { handleBatch(deliveries: readonly Delivery[]): Promise<void>; handle?: never }
  );

export interface Subscription {
  /** Stops taking messages and waits for the ones being handled; unsettled ones are delivered again. */
  stop(): Promise<void>;
}

/** pattern: the broker is a port; services see only this, and a flag picks the adapter. */
export interface Broker {
  readonly kind: BrokerKind;
  /** Validates the event and resolves once the broker has stored it durably (a publisher confirm). */
  publish(event: DomainEvent): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Stops every subscription and closes the connection; nothing stays open. */
  close(): Promise<void>;
}

/** How long a message may stay unsettled before it counts as lost and is delivered again. */
export const DEFAULT_VISIBILITY_TIMEOUT_MS = 30_000;
export const DEFAULT_PREFETCH = 16;
