import {
  type Broker,
  type Delivery,
  type KafkaMockCluster,
  KCAT_INSTALL,
  openKafkaBroker,
  startKafkaMockCluster,
} from '@journey/broker';
import { count, recordDeliveries } from '@journey/broker/testing';
import { createLogger } from '@journey/platform';
import { installedProgram } from '@journey/testkit';
import { type Admin, AssignerProtocol, Kafka, logLevel, type PartitionAssigner } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePublished, type SampleEvent, sampleRules } from './sample-events.js';

const kcat = await installedProgram('kcat (librdkafka mock Kafka cluster)', 'kcat', KCAT_INSTALL);

const TOPIC = 'journey.kafka-adapter-test.events';
const logger = createLogger('kafka-adapter-test', 'silent');

/** A member that speaks a partition assignment protocol no other member of its group knows. */
const foreignAssigner: PartitionAssigner = () => ({
  name: 'ForeignAssigner',
  version: 1,
  protocol: ({ topics }) => ({
    name: 'ForeignAssigner',
    metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
  }),
  assign: async ({ members }) =>
    members.map(({ memberId }) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 1,
        assignment: {},
        userData: Buffer.alloc(0),
      }),
    })),
});

// What the contract suite cannot reach through the port: a group rebalancing while messages are in
// flight, and a consumer that never joins its group. On a cluster of the file's own.
describe.skipIf(!kcat.available)(
  `kafka adapter${kcat.reason ? ` (${kcat.reason})` : ''}`,
  { timeout: 60_000 },
  () => {
    let cluster: KafkaMockCluster;
    let kafka: Kafka;
    let admin: Admin;
    const open: Broker<SampleEvent>[] = [];
    const connect = async () => {
      const broker = await openKafkaBroker({
        brokers: cluster.brokers,
        topic: TOPIC,
        events: sampleRules,
        logger,
        // Kafka's shortest: a rebalance waits for every member to rejoin, one slow member at most this.
        sessionTimeoutMs: 6_000,
      });
      open.push(broker);
      return broker;
    };
    const ends = async () =>
      Object.fromEntries(
        (await admin.fetchTopicOffsets(TOPIC)).map(({ partition, offset }) => [partition, offset]),
      );
    const committed = async (group: string) => {
      const [offsets] = await admin.fetchOffsets({ groupId: `${TOPIC}.${group}`, topics: [TOPIC] });
      return Object.fromEntries(offsets!.partitions.map(({ partition, offset }) => [partition, offset]));
    };

    beforeAll(async () => {
      cluster = await startKafkaMockCluster({ logger });
      kafka = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING });
      admin = kafka.admin();
      await admin.connect();
    });
    afterAll(async () => {
      await Promise.all(open.map((broker) => broker.close()));
      await admin?.disconnect();
      await cluster?.stop();
    });

    it("when a member joins while another holds messages, then the other's late acks and nacks neither move the group's commits back nor deliver again", async () => {
      const group = 'rebalance';
      // The first delivery of each event is held, as a slow handler would; every later one is acked.
      const held: Delivery[] = [];
      const recorder = recordDeliveries((delivery, seen) => {
        if (seen === 0) held.push(delivery);
        else return delivery.ack();
      });
      const subscribe = (broker: Broker<SampleEvent>) =>
        broker.subscribe({ group, types: ['ArticlePublished'], handle: recorder.handle });
      const leaver = await connect();
      const leaverSubscription = await subscribe(leaver);
      // Keys spread over the topic's partitions (four on the mock); fewer than the prefetch window.
      const events = Array.from({ length: 12 }, (_, i) => articlePublished(i + 1));
      for (const event of events) await leaver.publish(event);
      await recorder.until((ids) => events.every((event) => ids.includes(event.id)));

      // The group rebalances: every partition goes to a member again, which fetches it from the
      // last commit, so each held event is delivered once more, and acked, by its owner now.
      const joinerSubscription = await subscribe(await connect());
      await recorder.until((ids) => events.every((event) => count(ids, event.id) >= 2));
      const end = await ends();
      await expect.poll(() => committed(group), { timeout: 20_000 }).toEqual(end);

      // Now the held deliveries are settled, from the assignment the rebalance revoked.
      const [nackedLong, nackedNow, ...acked] = held;
      await nackedLong!.nack({ delayMs: 60_000 });
      await nackedNow!.nack({ delayMs: 0 });
      for (const delivery of acked) await delivery.ack();
      // Time for a wrong redelivery or commit to happen; with the adapter right, nothing does.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await leaverSubscription.stop();
      await joinerSubscription.stop();

      expect(await committed(group)).toEqual(end);
      const ids = recorder.ids();
      expect(events.map((event) => count(ids, event.id))).toEqual(events.map(() => 2));
    });

    it('when a subscription cannot join its group, then closing the broker ends it and subscribe() rejects', async () => {
      const group = 'never-joins';
      const foreign = kafka.consumer({
        groupId: `${TOPIC}.${group}`,
        partitionAssigners: [foreignAssigner],
        // The mock holds the adapter's join until the group's rebalance gives up on it: soon.
        sessionTimeout: 6_000,
        rebalanceTimeout: 6_000,
      });
      const foreignJoined = new Promise((resolve) => foreign.on(foreign.events.GROUP_JOIN, resolve));
      const rebalancing = new Promise((resolve) => foreign.on(foreign.events.REBALANCING, resolve));
      await foreign.connect();
      await foreign.subscribe({ topics: [TOPIC] });
      await foreign.run({ eachMessage: async () => {} });
      await foreignJoined;

      const broker = await connect();
      const subscribing = broker.subscribe({ group, types: ['ArticlePublished'], handle: async () => {} });
      subscribing.catch(() => {});
      // The adapter's join has reached the group: its member is told to rejoin, with a protocol
      // the adapter does not share, so the join never completes.
      await rebalancing;
      await broker.close();
      await expect(subscribing).rejects.toThrow(
        `cannot subscribe group ${TOPIC}.${group} to Kafka topic ${TOPIC}: the broker was closed before its consumer joined the group`,
      );
      await foreign.disconnect();
    });
  },
);
