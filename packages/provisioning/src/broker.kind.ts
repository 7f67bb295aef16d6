// The label only: the cluster's launcher and the clients load when a broker is provisioned.
import { KAFKA_MOCK_LABEL } from '@journey/broker/kafka-mock-cluster';
import {
  BROKER_CHOICES,
  BROKER_NAMESPACE_ENV,
  type BrokerChoice,
  DEFAULT_BROKER,
  provisionBroker,
} from './broker.js';
import type { InfrastructureKind } from './infrastructure-kind.js';
import { probeFile, probeServer } from './probes.js';

/** Where a server listens when its URL names no port. A Kafka URL names its brokers' ports (`kafka://host:port,…`). */
const DEFAULT_PORTS: Record<string, number> = { rabbitmq: 5672, nats: 4222 };

/**
 * A message broker (`--broker`): the embedded log, RabbitMQ, NATS JetStream, or Kafka (a mock
 * cluster started for the run). Its entry may name the consumer groups the processes create, so a
 * throw-away run can remove their queues.
 */
export const brokerKind: InfrastructureKind = {
  kind: 'broker',
  choices: BROKER_CHOICES,
  choiceNotes: { kafka: KAFKA_MOCK_LABEL },
  defaultChoice: DEFAULT_BROKER,
  flag: 'broker',
  diagramShape: 'hexagon',
  validate: () => [],
  async provision({ slug, spec, choice, fresh, runDir, serverUrl }) {
    const broker = await provisionBroker(slug, spec.name, choice as BrokerChoice, {
      fresh,
      runDir,
      groups: spec.groups,
      serverUrl,
    });
    return {
      name: spec.name,
      kind: 'broker',
      choice,
      ...broker,
      env: { [spec.urlEnv]: broker.url, [BROKER_NAMESPACE_ENV]: broker.namespace },
    };
  },
  async defaultServerUrl(choice) {
    // Kafka's mock cluster exists only once a run has started it, and a proxy in front of it would
    // carry only the first request: a client then connects to the brokers' own addresses.
    if (choice === 'embedded' || choice === 'kafka') return undefined;
    const { DEFAULT_NATS_URL, DEFAULT_RABBITMQ_URL } = await import('@journey/broker');
    const url = new URL(choice === 'rabbitmq' ? DEFAULT_RABBITMQ_URL : DEFAULT_NATS_URL);
    url.port ||= String(DEFAULT_PORTS[choice]);
    return url.toString();
  },
  // The embedded broker is a log file the processes share: its size is what it has to show.
  probe: (provisioned) =>
    provisioned.choice === 'embedded'
      ? probeFile(provisioned.url.slice('embedded:'.length))
      : probeServer(provisioned.url, DEFAULT_PORTS[provisioned.choice] ?? 0),
};
