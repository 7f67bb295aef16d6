import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Broker,
  type BrokerKind,
  DEFAULT_NATS_URL,
  DEFAULT_RABBITMQ_URL,
  openBrokerFromUrl,
  removeNamespace,
} from '@journey/broker';
import { createLogger } from '@journey/platform';
import { nats, rabbitmq, type ServiceAvailability } from '@journey/testkit';
import { type SampleEvent, sampleRules } from './sample-events.js';

/** Short, so "a consumer died" is noticed within the test; production keeps the 30 s default. */
export const TEST_VISIBILITY_TIMEOUT_MS = 1_000;

/** One broker the contract suite runs against, on names of its own so parallel runs never collide. */
export interface BrokerTarget {
  kind: BrokerKind;
  availability(): Promise<ServiceAvailability>;
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
  return [
    {
      kind: 'embedded',
      availability: async () => ({ available: true, reason: '' }),
      open: openAt(`embedded:${join(dir, 'events.sqlite')}`),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
    {
      kind: 'rabbitmq',
      availability: () => rabbitmq(DEFAULT_RABBITMQ_URL),
      ...networked(DEFAULT_RABBITMQ_URL, 5672),
    },
    {
      kind: 'nats',
      availability: () => nats(DEFAULT_NATS_URL),
      ...networked(DEFAULT_NATS_URL, 4222),
    },
  ];
}
