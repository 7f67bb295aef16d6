import { once } from 'node:events';
import type { Logger } from '@journey/platform';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import {
  type Broker,
  DEFAULT_PREFETCH,
  type EventEnvelope,
  type EventRules,
  type SubscribeOptions,
  type Subscription,
} from './broker.port.js';
import { createDispatcher } from './dispatcher.js';
import { settleOnce } from './settle-once.js';
import { decodeBody, encodeEvent } from './wire.js';

export interface RabbitMqBrokerOptions<Event extends EventEnvelope> {
  url: string;
  /** How each published event is validated and keyed. */
  events: EventRules<Event>;
  /** The topic exchange events go to; consumer groups are durable queues named `<exchange>.<group>`. */
  exchange?: string;
  logger: Logger;
}

const KEY_HEADER = 'x-journey-key';

/**
 * RabbitMQ: a durable topic exchange routed by event type, one durable queue per consumer group,
 * persistent messages, publisher confirms, manual acks and a prefetch window.
 */
export async function openRabbitMqBroker<Event extends EventEnvelope>(
  options: RabbitMqBrokerOptions<Event>,
): Promise<Broker<Event>> {
  const exchange = options.exchange ?? 'journey.events';
  const { logger } = options;
  const subscriptions = new Set<LiveSubscription>();
  let publisher: ConfirmChannel | undefined;
  /** The connection underneath right now: closing waits for its socket to be gone. */
  let current: ChannelModel | undefined;
  let closed = false;

  /**
   * Runs on the first connect and after every reconnect: channels die with their connection, so the
   * publisher channel and every live subscription's consumer are made again on the new one.
   * Messages that were unacked on the dead connection are redelivered by RabbitMQ; the consumers'
   * inbox makes that harmless.
   */
  async function setup(model: ChannelModel) {
    const channel = await model.createConfirmChannel();
    channel.on('error', (error) => logger.error({ err: error }, 'rabbitmq publisher channel error'));
    await channel.assertExchange(exchange, 'topic', { durable: true });
    publisher = channel;
    current = model;
    for (const subscription of subscriptions) await attach(model, subscription);
  }

  // pattern: the connection recovers by itself (amqplib's recovery), so a broker restart costs a few
  // failed publishes (the outbox keeps them) and a pause in deliveries, not a dead service.
  const connection = await amqp.connect(options.url, {
    recovery: {
      initialDelay: 100,
      maxDelay: 2_000,
      // Fail start-up fast when the broker is not there at all; once connected, never give up.
      initialMaxRetries: 2,
      maxRetries: Number.POSITIVE_INFINITY,
      setup,
    },
  });
  // Without a listener an 'error' event would crash the process; the reconnect is what we act on.
  // 'disconnect' follows and is what gets logged; this is kept at debug so an outage is one line per process.
  connection.on('error', (error: Error) => logger.debug({ err: error }, 'rabbitmq connection error'));
  connection.on('disconnect', (error: Error) => {
    publisher = undefined;
    current = undefined;
    logger.warn({ err: error }, 'rabbitmq connection lost; reconnecting');
  });
  connection.on('connect', () => logger.info('rabbitmq connected'));

  interface LiveSubscription extends Subscription {
    options: SubscribeOptions;
    channel?: Channel;
    consumerTag?: string;
    dispatcher: ReturnType<typeof createDispatcher>;
    backoffTimers: Set<NodeJS.Timeout>;
  }

  async function attach(model: Pick<ChannelModel, 'createChannel'>, subscription: LiveSubscription) {
    const { group, types, prefetch = DEFAULT_PREFETCH } = subscription.options;
    // A reconnect racing a subscribe could attach twice; the newer channel wins, the older is closed.
    await subscription.channel?.close().catch(() => {});
    const channel = await model.createChannel();
    channel.on('error', (error) => logger.error({ err: error, group }, 'rabbitmq channel error'));
    const queue = `${exchange}.${group}`;
    await channel.assertQueue(queue, { durable: true });
    for (const type of types) await channel.bindQueue(queue, exchange, type);
    await channel.prefetch(prefetch);
    const { consumerTag } = await channel.consume(
      queue,
      (message) => {
        if (!message) return; // the server cancelled the consumer (queue deleted)
        // amqplib hands over up to `prefetch` messages at once; the dispatcher keeps them in queue order.
        subscription.dispatcher.push(toDelivery(channel, message, subscription.backoffTimers));
      },
      { noAck: false },
    );
    subscription.channel = channel;
    subscription.consumerTag = consumerTag;
  }

  async function subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
    const subscription: LiveSubscription = {
      options: subscribeOptions,
      dispatcher: createDispatcher(
        subscribeOptions,
        subscribeOptions.prefetch ?? DEFAULT_PREFETCH,
        options.logger,
      ),
      backoffTimers: new Set(),
      async stop() {
        subscriptions.delete(subscription);
        const { channel, consumerTag } = subscription;
        if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => {});
        await subscription.dispatcher.idle();
        for (const timer of subscription.backoffTimers) clearTimeout(timer);
        // Closing the channel returns every unacked message (backoffs included) to the queue.
        await channel?.close().catch(() => {});
      },
    };
    subscriptions.add(subscription);
    // Through the recovering connection: it waits for a connection if the broker is away right now.
    await attach(connection, subscription);
    return subscription;
  }

  function toDelivery(channel: Channel, message: ConsumeMessage, backoffTimers: Set<NodeJS.Timeout>) {
    const key = message.properties.headers?.[KEY_HEADER];
    return settleOnce(
      {
        id: String(message.properties.messageId),
        type: String(message.properties.type),
        key: typeof key === 'string' ? key : '',
        message: decodeBody(message.content.toString('utf8')),
      },
      {
        ack: async () => channel.ack(message),
        // RabbitMQ redelivers a requeued message at once; the delay is ours, holding the message
        // (and one prefetch slot) until it is due. A consumer that dies meanwhile loses nothing.
        nack: async (delayMs) => {
          if (delayMs <= 0) return channel.nack(message, false, true);
          const timer = setTimeout(() => {
            backoffTimers.delete(timer);
            try {
              channel.nack(message, false, true);
            } catch (error) {
              // The channel closed meanwhile, which already returned the message to the queue.
              options.logger.debug(
                { err: error, group: message.fields.routingKey },
                'delayed nack after close',
              );
            }
          }, delayMs);
          backoffTimers.add(timer);
        },
      },
    );
  }

  return {
    kind: 'rabbitmq',
    async publish(event) {
      if (closed) throw new Error(`rabbitmq broker is closed; cannot publish ${event.type}`);
      const channel = publisher;
      if (!channel) throw new Error(`rabbitmq is not connected (reconnecting); cannot publish ${event.type}`);
      const { id, type, key, body } = encodeEvent(event, options.events);
      await new Promise<void>((resolve, reject) => {
        channel.publish(
          exchange,
          type,
          Buffer.from(body),
          {
            persistent: true,
            messageId: id,
            type,
            contentType: 'application/json',
            headers: { [KEY_HEADER]: key },
          },
          (error) =>
            error ? reject(new Error(`rabbitmq did not confirm ${type} ${id}`, { cause: error })) : resolve(),
        );
      });
    },
    async subscribe(subscribeOptions) {
      if (closed) throw new Error('rabbitmq broker is closed; cannot subscribe');
      return subscribe(subscribeOptions);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      // close() resolves on the server's close-ok; the socket is gone only at the 'close' event.
      const socketClosed = current ? once(current, 'close') : undefined;
      await connection.close().catch(() => {});
      await socketClosed;
    },
  };
}
