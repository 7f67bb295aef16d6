import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Broker,
  type BrokerKind,
  DEFAULT_NATS_URL,
  DEFAULT_RABBITMQ_URL,
  type KafkaMockCluster,
  KCAT_INSTALL,
  openBrokerFromUrl,
  removeNamespace,
  startKafkaMockCluster,
} from '@journey/broker';
import { createLogger } from '@journey/platform';
import { installedProgram, nats, rabbitmq, type ServiceAvailability } from '@journey/testkit';
import { type SampleEvent, sampleRules } from './sample-events.js';

/** Short, so "a consumer died" is noticed within the test; production keeps the 30 s default. */
export const TEST_VISIBILITY_TIMEOUT_MS = 1_000;

/** One broker the contract suite runs against, on names of its own so parallel runs never collide. */
export interface BrokerTarget {
  kind: BrokerKind;
  availability(): Promise<ServiceAvailability>;
  /**
   * `total`: one order for every event published. `per-key`: only an aggregate's events keep theirs
   * (Kafka orders within a partition, and spreads keys over partitions).
   */
  order: 'total' | 'per-key';
  /** A new connection (a new process, as far as the broker can tell) to the same broker and names. */
  open(): Promise<Broker<SampleEvent>>;
  /** Where a networked broker listens (for a proxy a test can cut); undefined for the embedded log. */
  address?: { host: string; port: number };
  /** A connection to the same names, but through `127.0.0.1:<port>` (a proxy in front of `address`). */
  openThrough?(port: number): Promise<Broker<SampleEvent>>;
  /** Removes what the run created: the log file, or the exchange and queues, or the stream. */
  cleanup(groups: readonly string[]): Promise<void>;
}

export function brokerTargets(): BrokerTarget[] {
  const namespace = `journey_test_${process.pid}_${Date.now().toString(36)}`;
  const logger = createLogger('broker-contract', 'silent');
  const dir = mkdtempSync(join(tmpdir(), 'journey-event-log-'));
  const settings = {
    namespace,
    events: sampleRules,
    logger,
    visibilityTimeoutMs: TEST_VISIBILITY_TIMEOUT_MS,
  };
  const openAt = (url: string) => () => openBrokerFromUrl(url, settings);
  const networked = (url: string, defaultPort: number) => {
    const { hostname, port } = new URL(url);
    return {
      open: openAt(url),
      address: { host: hostname, port: Number(port || defaultPort) },
      openThrough: (proxyPort: number) => {
        const throughProxy = new URL(url);
        throughProxy.hostname = '127.0.0.1';
        throughProxy.port = String(proxyPort);
        return openBrokerFromUrl(throughProxy.toString(), settings);
      },
      cleanup: (groups: readonly string[]) => removeNamespace(url, namespace, groups),
    };
  };
  // Started by the first test that opens it, stopped by cleanup: the suite's own cluster.
  let kafkaCluster: Promise<KafkaMockCluster> | undefined;
  const kafka = () => (kafkaCluster ??= startKafkaMockCluster({ logger }));
  return [
    {
      kind: 'embedded',
      order: 'total',
      availability: async () => ({ available: true, reason: '' }),
      open: openAt(`embedded:${join(dir, 'events.sqlite')}`),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
    {
      kind: 'rabbitmq',
      order: 'total',
      availability: () => rabbitmq(DEFAULT_RABBITMQ_URL),
      ...networked(DEFAULT_RABBITMQ_URL, 5672),
    },
    {
      kind: 'nats',
      order: 'total',
      availability: () => nats(DEFAULT_NATS_URL),
      ...networked(DEFAULT_NATS_URL, 4222),
    },
    {
      // No connection-drop test: the cluster tells a client its brokers' own addresses, so a proxy
      // in front of the bootstrap address would carry only the first metadata request.
      kind: 'kafka',
      order: 'per-key',
      availability: () => installedProgram('kcat (librdkafka mock Kafka cluster)', 'kcat', KCAT_INSTALL),
      open: async () => openBrokerFromUrl((await kafka()).url, settings),
      cleanup: async () => (await kafkaCluster)?.stop(),
    },
  ];
}
