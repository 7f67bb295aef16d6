import type { Logger } from '@journey/platform';
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  headers,
  type JsMsg,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
} from 'nats';
import {
  type Broker,
  DEFAULT_PREFETCH,
  DEFAULT_VISIBILITY_TIMEOUT_MS,
  type EventEnvelope,
  type EventRules,
  type SubscribeOptions,
  type Subscription,
} from './broker.port.js';
import { createDispatcher } from './dispatcher.js';
import { settleOnce } from './settle-once.js';
import { decodeBody, encodeEvent } from './wire.js';

export interface NatsBrokerOptions<Event extends EventEnvelope> {
  servers: string;
  /** How each published event is validated and keyed. */
  events: EventRules<Event>;
  /** The JetStream stream that stores every event, on `<subjectPrefix>.<EventType>` subjects. */
  stream?: string;
  subjectPrefix?: string;
  visibilityTimeoutMs?: number;
  logger: Logger;
}

const KEY_HEADER = 'Journey-Key';
/** While the server is away a flush waits for the reconnect; closing must not, and an unsent ack is only a redelivery. */
const FLUSH_ON_CLOSE_MS = 2_000;

async function flushWithin(connection: NatsConnection, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([connection.flush().catch(() => {}), late]);
  clearTimeout(timer);
}

/**
 * NATS JetStream: one file-backed stream holds every event; a consumer group is a durable pull
 * consumer with explicit acks, redelivering what is not acked within the visibility timeout.
 */
export async function openNatsBroker<Event extends EventEnvelope>(
  options: NatsBrokerOptions<Event>,
): Promise<Broker<Event>> {
  const stream = options.stream ?? 'JOURNEY_EVENTS';
  const prefix = options.subjectPrefix ?? 'journey.events';
  const visibilityTimeoutMs = options.visibilityTimeoutMs ?? DEFAULT_VISIBILITY_TIMEOUT_MS;
  const connection: NatsConnection = await connect({
    servers: options.servers,
    // How the server lists this connection (`nats server report connections`); the stream names the run.
    name: `journey:${stream}`,
    // The client reconnects by itself; by default it gives up after 10 tries, which a broker restart
    // can outlast. Never giving up keeps the service alive; the outbox holds what cannot be published.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  const manager = await connection.jetstreamManager();
  await manager.streams.info(stream).catch(() =>
    manager.streams.add({
      name: stream,
      subjects: [`${prefix}.>`],
      storage: StorageType.File,
      // Limits, not work-queue retention: every consumer group reads the whole stream.
      retention: RetentionPolicy.Limits,
    }),
  );
  const jetstream = connection.jetstream();
  const subscriptions = new Set<Subscription>();
  let closed = false;

  async function subscribe(subscribeOptions: SubscribeOptions) {
    const { group, types, prefetch = DEFAULT_PREFETCH } = subscribeOptions;
    const subscribed = new Set<string>(types);
    const dispatcher = createDispatcher(subscribeOptions, prefetch, options.logger);
    await manager.consumers.info(stream, group).catch(() =>
      manager.consumers.add(stream, {
        durable_name: group,
        ack_policy: AckPolicy.Explicit,
        ack_wait: nanos(visibilityTimeoutMs),
        deliver_policy: DeliverPolicy.New,
        // One subject, or all of them: several filter subjects need NATS 2.10, and one consumer over
        // all types keeps an aggregate's events of different types in order. Others are acked unread.
        filter_subject: types.length === 1 ? `${prefix}.${types[0]}` : `${prefix}.>`,
      }),
    );
    const consumer = await jetstream.consumers.get(stream, group);
    const messages = await consumer.consume({ max_messages: prefetch });
    const loop = (async () => {
      for await (const message of messages) {
        const type = message.subject.slice(prefix.length + 1);
        if (!subscribed.has(type)) {
          message.ack();
          continue;
        }
        dispatcher.push(toDelivery(message, type));
        // Pulled, not pushed: hand the dispatcher no more than `prefetch` at once. The client's own
        // pull buffer (`max_messages`) holds up to as many again, so a crash can redeliver up to twice that.
        await dispatcher.room(prefetch);
      }
      await dispatcher.idle();
    })();
    const subscription: Subscription = {
      async stop() {
        subscriptions.delete(subscription);
        messages.stop();
        await loop;
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  const toDelivery = (message: JsMsg, type: string) => {
    // Parsed once: the id is the body's own, since JetStream's message id is not handed to consumers.
    const body = decodeBody(message.string());
    const { id } = (body ?? {}) as { id?: unknown };
    return settleOnce(
      {
        id: typeof id === 'string' ? id : '',
        type,
        key: message.headers?.get(KEY_HEADER) ?? '',
        message: body,
      },
      {
        // A plain ack, not ackAck: a consumer handles its messages in turn, so waiting for each
        // ack's round trip stalled every message behind it. It was over a third of views' handling
        // time and left views busy ~70% of the time at 100 events/s, so its feed lag's p99 reached
        // hundreds of ms. An ack lost with the connection only means a redelivery, which the
        // consumers' inbox absorbs, as with RabbitMQ's acks.
        ack: async () => message.ack(),
        nack: async (delayMs) => message.nak(delayMs),
      },
    );
  };

  return {
    kind: 'nats',
    async publish(event) {
      if (closed) throw new Error(`nats broker is closed; cannot publish ${event.type}`);
      const { id, type, key, body } = encodeEvent(event, options.events);
      const messageHeaders = headers();
      messageHeaders.set(KEY_HEADER, key);
      // The PubAck arrives once the stream has stored the message; msgID lets JetStream drop a
      // second publish of the same event (a relay that crashed before marking it sent).
      await jetstream.publish(`${prefix}.${type}`, body, { msgID: id, headers: messageHeaders });
    },
    async subscribe(subscribeOptions) {
      if (closed) throw new Error('nats broker is closed; cannot subscribe');
      return subscribe(subscribeOptions);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      // close() drops what is not yet written; a flush is the server's word that it has every ack,
      // so a clean shutdown redelivers nothing.
      await flushWithin(connection, FLUSH_ON_CLOSE_MS);
      await connection.close();
      await connection.closed();
    },
  };
}
