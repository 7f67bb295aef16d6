import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_NATS_URL,
  DEFAULT_RABBITMQ_URL,
  type Delivery,
  envelopeOnly,
  KAFKA_MOCK_LABEL,
  KCAT_INSTALL,
  natsStreamName,
  openBrokerFromUrl,
} from '@journey/broker';
import { createLogger, labId } from '@journey/platform';
import { installedProgram, nats, rabbitmq } from '@journey/testkit';
import amqp from 'amqplib';
import { connect } from 'nats';
import { describe, expect, it } from 'vitest';
import { type BrokerChoice, provisionBroker } from '../src/index.js';

process.env.JOURNEY_HOME = mkdtempSync(join(tmpdir(), 'journey-broker-'));
const scratch = () => mkdtempSync(join(tmpdir(), 'journey-broker-run-'));
const logger = createLogger('broker-provisioning-test', 'silent');
const GROUPS = ['views'];

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** What a service does with BROKER_URL and BROKER_NAMESPACE: opens the broker, joins its group, gets an event. */
async function roundTrip(url: string, namespace: string): Promise<void> {
  const broker = await openBrokerFromUrl(url, { namespace, events: envelopeOnly, logger });
  try {
    const received: Delivery[] = [];
    const subscription = await broker.subscribe({
      group: GROUPS[0]!,
      types: ['SomethingHappened'],
      handle: async (delivery) => {
        received.push(delivery);
        await delivery.ack();
      },
    });
    const event = { id: randomUUID(), type: 'SomethingHappened' };
    await broker.publish(event);
    await expect.poll(() => received.map((d) => d.id), { timeout: 10_000 }).toContain(event.id);
    await subscription.stop();
  } finally {
    await broker.close();
  }
}

describe('broker provisioning: embedded log', () => {
  it('when a fresh run provisions it, then the log is a file in the run dir, under a namespace of its own, removed on dispose', async () => {
    const runDir = scratch();
    const first = await provisionBroker('event-driven', 'broker', 'embedded', { fresh: true, runDir });
    const second = await provisionBroker('event-driven', 'broker', 'embedded', {
      fresh: true,
      runDir: scratch(),
    });
    const file = join(runDir, 'broker.sqlite');
    expect(first.url).toBe(`embedded:${file}`);
    expect(first.namespace).toMatch(new RegExp(`^journey_${labId()}_event_driven_\\d+_[a-z0-9]+_\\d+$`));
    expect(second.namespace).not.toBe(first.namespace);
    await roundTrip(first.url, first.namespace);
    expect(existsSync(file)).toBe(true);
    await first.dispose();
    for (const leftover of [file, `${file}-wal`, `${file}-shm`]) expect(existsSync(leftover)).toBe(false);
  });

  it("when the learner's run provisions it, then the log lives in the data dir, under the lab's namespace the services default to, and stays", async () => {
    const broker = await provisionBroker('event-driven', 'broker', 'embedded', {
      fresh: false,
      runDir: scratch(),
    });
    const file = join(process.env.JOURNEY_HOME!, 'data', 'event-driven', 'broker.sqlite');
    expect(broker.url).toBe(`embedded:${file}`);
    expect(broker.namespace).toBe(`journey_${labId()}_event_driven`);
    await roundTrip(broker.url, broker.namespace);
    await broker.dispose();
    expect(existsSync(file)).toBe(true);
  });
});

interface Server {
  choice: Exclude<BrokerChoice, 'embedded' | 'kafka'>;
  name: string;
  url: string;
  scheme: string;
  availability: typeof rabbitmq;
  /** Whether the run's names (queues and exchange, or stream) still exist on the server. */
  leftovers(namespace: string): Promise<string[]>;
}

const servers: Server[] = [
  {
    choice: 'rabbitmq',
    name: 'RabbitMQ',
    url: DEFAULT_RABBITMQ_URL,
    scheme: 'amqp://guest:guest@',
    availability: rabbitmq,
    async leftovers(namespace) {
      const connection = await amqp.connect(DEFAULT_RABBITMQ_URL);
      // A passive check of something absent closes its channel: one channel per name.
      const exists = async (check: (channel: amqp.Channel) => Promise<unknown>) => {
        const channel = await connection.createChannel();
        channel.on('error', () => {});
        return check(channel).then(
          () => channel.close().then(() => true),
          () => false,
        );
      };
      const names = [`${namespace}.events`, ...GROUPS.map((group) => `${namespace}.events.${group}`)];
      const found = [
        ...((await exists((channel) => channel.checkExchange(names[0]!))) ? [names[0]!] : []),
        ...(
          await Promise.all(
            names.slice(1).map(async (queue) => ((await exists((c) => c.checkQueue(queue))) ? [queue] : [])),
          )
        ).flat(),
      ];
      await connection.close();
      return found;
    },
  },
  {
    choice: 'nats',
    name: 'NATS JetStream',
    url: DEFAULT_NATS_URL,
    scheme: 'nats://',
    availability: nats,
    async leftovers(namespace) {
      const connection = await connect({ servers: DEFAULT_NATS_URL });
      const manager = await connection.jetstreamManager();
      const stream = natsStreamName(namespace);
      const found = await manager.streams.info(stream).then(
        () => [stream],
        () => [],
      );
      await connection.close();
      return found;
    },
  },
];

for (const server of servers) {
  const availability = await server.availability(server.url);
  describe.skipIf(!availability.available)(
    `broker provisioning: ${server.choice}${availability.reason ? ` (${availability.reason})` : ''}`,
    { timeout: 30_000 },
    () => {
      it('when a fresh run provisions it, then its services can use it under a namespace of their own, and dispose removes what they created', async () => {
        const broker = await provisionBroker('event-driven', 'broker', server.choice, {
          fresh: true,
          runDir: scratch(),
          groups: GROUPS,
        });
        expect(broker.url).toBe(server.url);
        expect(broker.describe).toContain(new URL(server.url).host);
        await roundTrip(broker.url, broker.namespace);
        expect(await server.leftovers(broker.namespace)).not.toEqual([]);
        await broker.dispose();
        expect(await server.leftovers(broker.namespace)).toEqual([]);
      });

      it('when the server does not answer, then provisioning fails in one line naming it and the way out', async () => {
        const port = await closedPort();
        const provisioning = provisionBroker('event-driven', 'broker', server.choice, {
          fresh: true,
          runDir: scratch(),
          serverUrl: `${server.scheme}127.0.0.1:${port}`,
        });
        await expect(provisioning).rejects.toThrow(
          new RegExp(
            `^cannot reach ${server.name} at 127\\.0\\.0\\.1:${port} \\(.*\\); start it or use --broker embedded$`,
          ),
        );
      });
    },
  );
}

const kcat = await installedProgram('kcat (librdkafka mock Kafka cluster)', 'kcat', KCAT_INSTALL);

describe.skipIf(!kcat.available)(
  `broker provisioning: kafka${kcat.reason ? ` (${kcat.reason})` : ''}`,
  () => {
    it('when a run provisions it, then it gets a mock cluster of its own, labelled as one, that its services can use and that dispose stops, fresh or not', async () => {
      for (const fresh of [true, false]) {
        const broker = await provisionBroker('event-driven', 'broker', 'kafka', { fresh, runDir: scratch() });
        expect(broker.url).toMatch(/^kafka:\/\/127\.0\.0\.1:\d+$/);
        expect(broker.describe).toContain(KAFKA_MOCK_LABEL);
        expect(broker.describe).toContain(`topic ${broker.namespace}.events`);
        await roundTrip(broker.url, broker.namespace);
        await broker.dispose();
        await expect(
          openBrokerFromUrl(broker.url, { namespace: broker.namespace, events: envelopeOnly, logger }),
        ).rejects.toThrow(/cannot open Kafka topic/);
      }
    });
  },
);
