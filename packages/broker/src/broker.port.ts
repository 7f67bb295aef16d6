export type BrokerKind = 'embedded' | 'rabbitmq' | 'nats' | 'kafka';
export const BROKER_KINDS: readonly BrokerKind[] = ['embedded', 'rabbitmq', 'nats', 'kafka'];

/** What the broker itself reads from an event; the rest travels untouched, as JSON. */
export interface EventEnvelope {
  /** Unique per event: the message id, and what an idempotent consumer records. */
  id: string;
  /** What a consumer group subscribes to (the routing key, the subject). */
  type: string;
}

/**
 * What the broker asks of the events it carries. It knows no catalogue of its own: whoever opens it
 * says how an event is validated and keyed (a pattern passes its own catalogue's).
 */
export interface EventRules<Event extends EventEnvelope> {
  /** Throws, naming what is wrong, for an event that must not be published; returns what goes on the wire. */
  validate(event: Event): Event;
  /** The aggregate key (`article:7`) carried beside the event, so a consumer can tell an aggregate's events apart. */
  keyOf(event: Event): string;
}

/**
 * Rules for tools that open a broker without publishing anyone's events (a reachability probe): only
 * the envelope is checked, and events carry no key.
 */
export const envelopeOnly: EventRules<EventEnvelope> = {
  validate(event) {
    if (
      typeof event?.id !== 'string' ||
      event.id === '' ||
      typeof event.type !== 'string' ||
      event.type === ''
    )
      throw new Error(`not an event envelope (a non-empty string id and type): ${JSON.stringify(event)}`);
    return event;
  },
  keyOf: () => '',
};

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
  /** The envelope as it arrived, still untrusted: the consumer validates it against its own catalogue. */
  message: unknown;
  ack(): Promise<void>;
  nack(options?: { delayMs?: number }): Promise<void>;
}

interface SubscribeCommon<Type extends string> {
  /**
   * A durable consumer group: it outlives its processes, and each group gets every event of its
   * types published after the group was first subscribed. Processes of one group share the work.
   */
  group: string;
  types: readonly Type[];
  /** How many messages the handler may have in hand or queued at once; also the largest batch. */
  prefetch?: number;
}

/**
 * A subscriber takes its messages one by one (`handle`), or in batches (`handleBatch`): every message
 * that arrived while its previous batch was handled, in order, so it can apply them in one
 * transaction. Each delivery in a batch is still settled on its own. Either way, the next call comes
 * only after the previous one returned.
 */
export type SubscribeOptions<Type extends string = string> = SubscribeCommon<Type> &
  (
    | { handle(delivery: Delivery): Promise<void>; handleBatch?: never }
    | { handleBatch(deliveries: readonly Delivery[]): Promise<void>; handle?: never }
  );

export interface Subscription {
  /** Stops taking messages and waits for the ones being handled; unsettled ones are delivered again. */
  stop(): Promise<void>;
}

/** pattern: the broker is a port; services see only this, and a flag picks the adapter. */
export interface Broker<Event extends EventEnvelope = EventEnvelope> {
  readonly kind: BrokerKind;
  /** Validates the event (its EventRules) and resolves once the broker has stored it durably (a publisher confirm). */
  publish(event: Event): Promise<void>;
  subscribe(options: SubscribeOptions<Event['type']>): Promise<Subscription>;
  /** Stops every subscription and closes the connection; nothing stays open. */
  close(): Promise<void>;
}

/** How long a message may stay unsettled before it counts as lost and is delivered again. */
export const DEFAULT_VISIBILITY_TIMEOUT_MS = 30_000;
export const DEFAULT_PREFETCH = 16;
