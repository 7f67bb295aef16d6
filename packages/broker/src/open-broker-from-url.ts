import type { Logger } from '@journey/platform';
import type { Broker, EventEnvelope, EventRules } from './broker.port.js';
import { openEmbeddedBroker } from './embedded.adapter.js';
import { openKafkaBroker } from './kafka.adapter.js';
import { openNatsBroker } from './nats.adapter.js';
import { openRabbitMqBroker } from './rabbitmq.adapter.js';

export interface BrokerUrlOptions<Event extends EventEnvelope> {
  /** Names the exchange/queues (RabbitMQ), stream/subjects (NATS) or topic/groups (Kafka), so two runs never share them. */
  namespace: string;
  /** How each published event is validated and keyed: the caller's catalogue, or `envelopeOnly`. */
  events: EventRules<Event>;
  logger: Logger;
  /** How long an unsettled message waits before redelivery (embedded, NATS); Kafka's session timeout. */
  visibilityTimeoutMs?: number;
}

/** What `BROKER_URL` may be; anything else is refused with this list. */
export const BROKER_URL_FORMS = [
  'embedded:<path of the log file>',
  'amqp://…',
  'nats://…',
  'kafka://<host:port>[,<host:port>…]',
] as const;

/** A JetStream stream name allows letters, digits, `_` and `-` only. */
export const natsStreamName = (namespace: string) =>
  `${namespace.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_EVENTS`;

/**
 * The broker a process is told about in one `BROKER_URL`: `embedded:<path>` (the SQLite log every
 * process of the topology opens), `amqp://…` (RabbitMQ), `nats://…` (NATS JetStream) or
 * `kafka://host:port,…` (Kafka's bootstrap brokers).
 */
export async function openBrokerFromUrl<Event extends EventEnvelope>(
  url: string,
  options: BrokerUrlOptions<Event>,
): Promise<Broker<Event>> {
  const { namespace, events, logger, visibilityTimeoutMs } = options;
  if (url.startsWith('embedded:')) {
    const path = url.slice('embedded:'.length);
    if (path === '') throw new Error(`BROKER_URL ${url} names no log file: use embedded:<path>`);
    return openEmbeddedBroker({ path, events, logger, visibilityTimeoutMs });
  }
  if (/^amqps?:\/\//.test(url)) {
    return openRabbitMqBroker({ url, exchange: `${namespace}.events`, events, logger });
  }
  if (/^nats:\/\//.test(url)) {
    return openNatsBroker({
      servers: url,
      stream: natsStreamName(namespace),
      subjectPrefix: `${namespace}.events`,
      events,
      visibilityTimeoutMs,
      logger,
    });
  }
  if (url.startsWith('kafka://')) {
    const brokers = url.slice('kafka://'.length).split(',').filter(Boolean);
    if (brokers.length === 0) throw new Error(`BROKER_URL ${url} names no broker: use kafka://<host:port>`);
    return openKafkaBroker({
      brokers,
      topic: `${namespace}.events`,
      sessionTimeoutMs: visibilityTimeoutMs,
      events,
      logger,
    });
  }
  throw new Error(
    `BROKER_URL ${JSON.stringify(url)} names no broker we know: use ${BROKER_URL_FORMS.join(', ')}`,
  );
}
