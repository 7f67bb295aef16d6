import type { Logger } from '@journey/platform';
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
import { openEmbeddedLog } from './embedded-log.js';
import { settleOnce } from './settle-once.js';
import { createWakeUp } from './wake-up.js';
import { decodeBody, encodeEvent } from './wire.js';

export interface EmbeddedBrokerOptions<Event extends EventEnvelope> {
  /** The log's SQLite file; every process of the topology opens the same one. */
  path: string;
  /** How each published event is validated and keyed. */
  events: EventRules<Event>;
  logger: Logger;
  visibilityTimeoutMs?: number;
  /** How often an idle subscriber looks for messages published by other processes. */
  pollIntervalMs?: number;
}

/**
 * pattern: the default broker is a table. An append-only log in SQLite with an offset per consumer
 * group gives durable, replayable, at-least-once delivery with nothing to install (ADR 0008).
 */
export function openEmbeddedBroker<Event extends EventEnvelope>(
  options: EmbeddedBrokerOptions<Event>,
): Broker<Event> {
  const log = openEmbeddedLog(options.path);
  const visibilityTimeoutMs = options.visibilityTimeoutMs ?? DEFAULT_VISIBILITY_TIMEOUT_MS;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const subscriptions = new Set<{ stop(): Promise<void>; wake(): void }>();
  let closed = false;

  function subscribe(subscribeOptions: SubscribeOptions): Subscription {
    const { group, types, prefetch = DEFAULT_PREFETCH } = subscribeOptions;
    const dispatcher = createDispatcher(subscribeOptions, prefetch, options.logger);
    log.joinGroup(group);
    const wakeUp = createWakeUp();
    let running = true;
    const claimOrWait = () => {
      try {
        return log.claim(group, types, prefetch, visibilityTimeoutMs);
      } catch (error) {
        // Another process held the write lock past busy_timeout: log it and poll again, never crash.
        options.logger.warn({ err: error, group }, 'embedded log: claiming failed; retrying');
        return [];
      }
    };
    const loop = (async () => {
      while (running) {
        const rows = claimOrWait();
        // In log order: a group's messages for one key are handled in publish order.
        for (const row of rows) {
          dispatcher.push(
            settleOnce(
              { id: row.id, type: row.type, key: row.key, message: decodeBody(row.body) },
              {
                ack: async () => log.ack(group, row.seq),
                nack: async (delayMs) => log.nack(group, row.seq, delayMs),
              },
            ),
          );
        }
        await dispatcher.idle();
        if (rows.length === 0 && running) await wakeUp.sleep(pollIntervalMs);
      }
    })();
    const subscription = {
      wake: () => wakeUp.wake(),
      async stop() {
        running = false;
        wakeUp.wake();
        await loop;
        subscriptions.delete(subscription);
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  return {
    kind: 'embedded',
    async publish(event) {
      if (closed) throw new Error(`embedded broker ${options.path} is closed; cannot publish ${event.type}`);
      log.append(encodeEvent(event, options.events));
      for (const subscription of subscriptions) subscription.wake();
    },
    async subscribe(subscribeOptions) {
      if (closed) throw new Error(`embedded broker ${options.path} is closed; cannot subscribe`);
      return subscribe(subscribeOptions);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      log.close();
    },
  };
}
