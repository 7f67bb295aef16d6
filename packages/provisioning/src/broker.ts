import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerKind } from '@journey/broker';
import { createLogger, dataDir, labScopedName } from '@journey/platform';

export type BrokerChoice = BrokerKind;
export const BROKER_CHOICES = [
  'embedded',
  'rabbitmq',
  'nats',
  'kafka',
] as const satisfies readonly BrokerChoice[];
export const DEFAULT_BROKER: BrokerChoice = 'embedded';

/** Beside the broker's URL (in the infrastructure's `urlEnv`), every process that uses it gets its namespace here. */
export const BROKER_NAMESPACE_ENV = 'BROKER_NAMESPACE';

export interface ProvisionedBroker {
  /** `embedded:<log file>`, `amqp://…`, `nats://…` or `kafka://…`: what the processes open. */
  url: string;
  /** Names the exchange and queues, or the stream, so two runs on one broker server never share them. */
  namespace: string;
  /** For the terminal: which broker, where, under which names. */
  describe: string;
  /** Removes what a fresh (throw-away) run created on the broker; keeps a persistent one. */
  dispose(): Promise<void>;
}

export interface BrokerProvisionOptions {
  /** A throw-away namespace (and log file), removed by `dispose()`, instead of the learner's persistent one. */
  fresh: boolean;
  /** Where a fresh run keeps its embedded log: the run's own directory. */
  runDir: string;
  /** The consumer groups the processes will create, so `dispose()` can remove their queues. */
  groups?: readonly string[];
  /**
   * The RabbitMQ, NATS or Kafka server to use instead of the lab's default one (JOURNEY_RABBITMQ_URL,
   * JOURNEY_NATS_URL; for Kafka, a mock cluster started for the run).
   */
  serverUrl?: string;
}

const SERVER_NAMES: Record<Exclude<BrokerChoice, 'embedded'>, string> = {
  rabbitmq: 'RabbitMQ',
  nats: 'NATS JetStream',
  kafka: 'Kafka',
};

let freshNamespaces = 0;

/**
 * `journey_<lab id>_<pattern>` for the learner's runs (what the services default to), so two labs on
 * one broker server never share an exchange, a queue or a stream; a fresh one adds the process, the
 * time and a count, so two fresh runs started in the same millisecond never share names.
 */
export const brokerNamespace = (slug: string, fresh: boolean) =>
  labScopedName(slug, ...(fresh ? [process.pid, Date.now().toString(36), ++freshNamespaces] : []));

/**
 * Gives a topology's broker a URL and a namespace. The embedded log is a file: in the run directory
 * for a fresh run, in the data dir for the learner's. RabbitMQ and NATS are the servers on this
 * machine; they are opened once, as a service would, so an absent or misconfigured server is
 * reported here, in one line, rather than by every process failing to start. Kafka cannot be
 * installed here: the run gets librdkafka's mock cluster, started now and stopped by `dispose()`.
 */
export async function provisionBroker(
  slug: string,
  name: string,
  choice: BrokerChoice,
  options: BrokerProvisionOptions,
): Promise<ProvisionedBroker> {
  // Loaded when a topology has a broker: `journey ps` and the other quick commands never need the clients.
  const broker = await import('@journey/broker');
  const namespace = brokerNamespace(slug, options.fresh);
  const remove = (url: string) => async () => {
    if (options.fresh) await broker.removeNamespace(url, namespace, options.groups ?? []);
  };
  if (choice === 'embedded') {
    const dir = options.fresh ? options.runDir : join(dataDir(), 'data', slug);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.sqlite`);
    const url = `embedded:${file}`;
    return { url, namespace, describe: `embedded event log ${file}`, dispose: remove(url) };
  }
  if (choice === 'kafka' && options.serverUrl === undefined) return provisionKafkaMock(slug, name, namespace);
  const url =
    options.serverUrl ?? (choice === 'rabbitmq' ? broker.DEFAULT_RABBITMQ_URL : broker.DEFAULT_NATS_URL);
  const host = new URL(url).host;
  try {
    const probe = await broker.openBrokerFromUrl(url, {
      namespace,
      // Opened only to see the server answer: nothing is published.
      events: broker.envelopeOnly,
      logger: createLogger(`${slug}-${name}`, 'silent'),
    });
    await probe.close();
  } catch (error) {
    // Opening may have created the namespace's exchange or stream before failing.
    await remove(url)().catch(() => {});
    throw new Error(
      `cannot reach ${SERVER_NAMES[choice]} at ${host} (${(error as Error).message}); start it or use --broker embedded`,
      { cause: error },
    );
  }
  const names = {
    nats: `stream ${broker.natsStreamName(namespace)}`,
    rabbitmq: `exchange ${namespace}.events`,
    kafka: `topic ${namespace}.events`,
  }[choice];
  return { url, namespace, describe: `${SERVER_NAMES[choice]} ${host}, ${names}`, dispose: remove(url) };
}

/**
 * A mock Kafka cluster of the run's own (librdkafka's, run by kcat): the real protocol, in one
 * process's memory. The label says so wherever the run is shown (`journey up`, `journey ps`, the
 * dashboard), and `dispose()` stops it whether the run was fresh or not: it has nothing to keep.
 */
async function provisionKafkaMock(slug: string, name: string, namespace: string): Promise<ProvisionedBroker> {
  const broker = await import('@journey/broker');
  let cluster: Awaited<ReturnType<typeof broker.startKafkaMockCluster>>;
  try {
    cluster = await broker.startKafkaMockCluster({ logger: createLogger(`${slug}-${name}`, 'warn') });
  } catch (error) {
    throw new Error(
      `cannot start the Kafka mock cluster (${(error as Error).message}); install kcat or use --broker embedded`,
      { cause: error },
    );
  }
  const host = new URL(cluster.url).host;
  return {
    url: cluster.url,
    namespace,
    describe: `${broker.KAFKA_MOCK_LABEL} (librdkafka via kcat, pid ${cluster.pid}) ${host}, topic ${namespace}.events`,
    dispose: () => cluster.stop(),
  };
}
