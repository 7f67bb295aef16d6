import { type Delivery, openBrokerFromUrl, type Subscription } from '@journey/broker';
import type { Logger } from '@journey/platform';
import { conduitEventRules } from '../../core/event-catalogue.js';
import type { ConduitEvent, EventInvoker } from '../../core/event-types.js';
import type { EventFunctionEntry } from '../../functions/index.js';

export interface EventDeliveryOptions {
  /** The topology's broker (BROKER_URL): where the articles function publishes. */
  brokerUrl: string;
  /** BROKER_NAMESPACE: the exchange or stream the publishers use. */
  namespace: string;
  functions: readonly Pick<EventFunctionEntry, 'name' | 'trigger' | 'group'>[];
  /** Hands an event to a function the platform's way. */
  invoke: EventInvoker;
  logger: Logger;
  /** Deliveries of one event before it is given up (logged as an error and acknowledged). */
  maxAttempts?: number;
  /** The wait before the first redelivery; each later one waits this much longer. */
  retryDelayMs?: number;
}

export interface EventDelivery {
  /** Stops taking messages, waits for the ones being invoked, closes the broker. */
  stop(): Promise<void>;
}

/** Lambda's asynchronous invocations and Eventarc's retries give up too; so does the local runtime. */
export const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_RETRY_DELAY_MS = 500;

/**
 * The event source a cloud wires to an event function (an EventBridge rule, an Eventarc trigger), played
 * locally: each event function's consumer group on the topology's broker, each message handed to the
 * function through `invoke`. A message is acknowledged once the function answered (handled, or refused
 * as malformed: refusing again would not change that); a failure is redelivered by the broker after a
 * growing delay, and given up after `maxAttempts`, so a poisoned event cannot retry forever.
 */
export async function startEventDelivery(options: EventDeliveryOptions): Promise<EventDelivery> {
  const { logger, invoke } = options;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const broker = await openBrokerFromUrl(options.brokerUrl, {
    namespace: options.namespace,
    events: conduitEventRules,
    logger,
  });
  // Failed attempts per event id, while it is being retried: the broker's Delivery carries no count.
  const failures = new Map<string, number>();

  const deliverTo = (name: string) => async (delivery: Delivery) => {
    // Still untrusted: the function validates the event and refuses what it cannot act on.
    const event = delivery.message as ConduitEvent<unknown>;
    try {
      const outcome = await invoke(name, event);
      failures.delete(delivery.id);
      logger.info({ function: name, eventId: delivery.id, outcome }, 'event delivered');
      await delivery.ack();
    } catch (error) {
      const attempts = (failures.get(delivery.id) ?? 0) + 1;
      if (attempts >= maxAttempts) {
        failures.delete(delivery.id);
        logger.error(
          { err: error, function: name, eventId: delivery.id, key: delivery.key, attempts },
          'event given up: the function failed on every delivery',
        );
        await delivery.ack();
        return;
      }
      failures.set(delivery.id, attempts);
      logger.warn(
        { err: error, function: name, eventId: delivery.id, attempts },
        'event delivery failed: retrying',
      );
      await delivery.nack({ delayMs: retryDelayMs * attempts });
    }
  };

  const subscriptions: Subscription[] = [];
  try {
    for (const { name, trigger, group } of options.functions) {
      subscriptions.push(await broker.subscribe({ group, types: [trigger], handle: deliverTo(name) }));
    }
  } catch (error) {
    await broker.close();
    throw new Error(`subscribing the event functions to ${options.brokerUrl} failed`, { cause: error });
  }

  return {
    async stop() {
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await broker.close();
    },
  };
}
