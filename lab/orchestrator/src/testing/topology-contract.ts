import { DEFAULT_NATS_URL, DEFAULT_RABBITMQ_URL, KCAT_INSTALL } from '@journey/broker';
import { type BrokerChoice, DATABASE_CHOICES, type DatabaseChoice } from '@journey/provisioning';
import {
  describeConduitSuites,
  installedProgram,
  nats,
  postgres,
  rabbitmq,
  type ServiceAvailability,
} from '@journey/testkit';
import { loadTopology, type PatternSlug } from '../patterns.js';
import { optionFlags, withSwitchFor } from '../topology-options.js';
import { startTopology } from '../topology-runner.js';

export interface TopologyContractOptions {
  /**
   * For a pattern with a broker: the suites run on SQLite once per broker, and on PostgreSQL with the
   * first one (the database and the broker vary independently, so every pair would add time, not coverage).
   */
  brokers?: readonly BrokerChoice[];
  /**
   * Values of the topology's own options to run the suites on (`{ platform: 'gcf' }`), named in the
   * describe title; a pattern calls this once per variant it wants covered.
   */
  options?: Readonly<Record<string, string>>;
  /**
   * What the topology needs on the machine beyond the servers the lab knows (a proxy binary), checked
   * like them: absent, the suites skip with its reason, or fail under CI.
   */
  requires?: () => Promise<ServiceAvailability>;
}

/** One way to run a topology: a database, and a broker when the pattern has one. */
interface TopologyTarget {
  db: DatabaseChoice;
  broker?: BrokerChoice;
}

const brokerServers: Record<BrokerChoice, () => Promise<ServiceAvailability>> = {
  embedded: async () => ({ available: true, reason: '' }),
  rabbitmq: () => rabbitmq(DEFAULT_RABBITMQ_URL),
  nats: () => nats(DEFAULT_NATS_URL),
  // The lab starts a mock cluster per run; what it needs is the program that runs it.
  kafka: () => installedProgram('kcat (librdkafka mock Kafka cluster)', 'kcat', KCAT_INSTALL),
};

/**
 * Through a topology every request crosses several processes on the same few cores, and every suite
 * registers users (scrypt): on a busy 2-core machine the conformance suite alone can pass two minutes.
 * Not a performance budget — only a bound so a stuck run still ends.
 */
const TOPOLOGY_SUITE_TIMEOUT_MS = 600_000;

/**
 * The testkit's Conduit suites for a pattern of several processes: its whole topology started by the
 * lab, as `journey test` does, on fresh databases (and a fresh broker namespace), and the suites aimed
 * at its public process. It lives in the lab because starting a topology is the lab's job; testkit,
 * a package, may not import it.
 */
export async function describeTopologyContract(
  pattern: PatternSlug,
  options: TopologyContractOptions = {},
): Promise<void> {
  const {
    brokers = [],
    options: variant = {},
    requires = async () => ({ available: true, reason: '' }),
  } = options;
  const topology = await loadTopology(pattern);
  const targets: TopologyTarget[] =
    brokers.length === 0
      ? DATABASE_CHOICES.map((db) => ({ db }))
      : [
          ...brokers.map((broker) => ({ db: 'sqlite' as const, broker })),
          { db: 'postgres', broker: brokers[0] },
        ];
  for (const target of targets) {
    const needs = await Promise.all([
      target.db === 'postgres' ? postgres() : { available: true, reason: '' },
      target.broker ? brokerServers[target.broker]() : { available: true, reason: '' },
      requires(),
    ]);
    const missing = needs.find((need) => !need.available);
    const on = target.broker ? `${target.db} with the ${target.broker} broker` : target.db;
    const targetOptions = withSwitchFor(topology, target.db, variant);
    const flags = optionFlags(targetOptions);
    describeConduitSuites(
      `${pattern} topology on ${on}${flags ? ` with ${flags}` : ''}${missing ? ` (${missing.reason})` : ''}`,
      missing !== undefined,
      async () => {
        const running = await startTopology(topology, {
          db: target.db,
          broker: target.broker,
          options: targetOptions,
          fresh: true,
          // Only warnings and errors: a failing suite then shows what the processes complained about.
          log: (name, line) => {
            if (/"level":(40|50|60)/.test(line)) console.error(`[${name}] ${line}`);
          },
        });
        return { baseUrl: running.url, stop: () => running.stop() };
      },
      TOPOLOGY_SUITE_TIMEOUT_MS,
    );
  }
}
