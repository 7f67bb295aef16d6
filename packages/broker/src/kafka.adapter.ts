import type { Logger } from '@journey/platform';
import { type IHeaders, Kafka, type KafkaMessage, logLevel, Partitioners } from 'kafkajs';
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
import { createCommitter } from './kafka-committer.js';
import { type PartitionOffsets, partitionOffsets } from './kafka-offsets.js';
import { trackedSockets } from './kafka-sockets.js';
import { settleOnce } from './settle-once.js';
import { decodeBody, encodeEvent } from './wire.js';

export interface KafkaBrokerOptions<Event extends EventEnvelope> {
  /** Bootstrap brokers, `host:port`: the client learns the rest of the cluster from them. */
  brokers: readonly string[];
  /** How each published event is validated and keyed. */
  events: EventRules<Event>;
  /** The one topic every event goes to; consumer groups are named `<topic>.<group>`. */
  topic?: string;
  /**
   * How long a silent consumer keeps its partitions before its group gives them to another: Kafka's
   * counterpart of the other adapters' visibility timeout (at least 6 s, as Kafka requires).
   */
  sessionTimeoutMs?: number;
  logger: Logger;
}

const ID_HEADER = 'journey-id';
const TYPE_HEADER = 'journey-type';
/** How often a consumer tells its group it lives, also while its handler holds the whole prefetch window. */
const HEARTBEAT_INTERVAL_MS = 1_000;
/**
 * How long a fetch waits for a message. Kafka answers a waiting fetch as soon as a message arrives;
 * librdkafka's mock answers only when the wait is over, so this bounds how late a message is seen
 * (and how long a stop waits for the fetch in flight): a short poll, ten a second per broker.
 */
const FETCH_WAIT_MS = 100;
/** Kafka refuses shorter sessions by default (group.min.session.timeout.ms). */
const MIN_SESSION_TIMEOUT_MS = 6_000;
/** Between attempts to commit a new group's start (see seekStarts()) while the cluster is unreachable. */
const PLACEMENT_RETRY_MS = 500;

/**
 * kafkajs's log lines through ours. It logs protocol answers that are part of normal life (a
 * rebalance, a restart) as errors, so its errors are warnings here and its INFO (joins, starts,
 * stops) is debug; what the adapter acts on (a crashed consumer) it logs itself.
 */
const logCreator = (logger: Logger) => () => (entry: { level: logLevel; log: { message: string } }) => {
  const { message, ...fields } = entry.log;
  if (entry.level <= logLevel.WARN) logger.warn(fields, `kafkajs: ${message}`);
  else logger.debug(fields, `kafkajs: ${message}`);
};

const headerText = (headers: IHeaders | undefined, name: string) => {
  const value = headers?.[name];
  return (Array.isArray(value) ? value[0] : value)?.toString() ?? '';
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kafka: one topic for every event, keyed by aggregate, so an aggregate's events share a partition
 * and keep their order (Kafka orders within a partition, not across them); a consumer group is a
 * Kafka consumer group, its processes sharing the partitions. Types are a header: a group skips the
 * ones it did not ask for, as the NATS adapter does, since a topic per type would lose the order
 * of one aggregate's events of different types.
 *
 * What Kafka lacks against the port is settling one message: a group commits one offset per
 * partition. So an ack commits up to the oldest message still unsettled (kafka-offsets.ts), and a
 * nack keeps the message uncommitted and hands it to the handler again after its delay, from this
 * process (as the RabbitMQ adapter holds a delayed nack). If the process dies meanwhile, the
 * partition's next owner starts from the last commit, the nacked message included: at least once.
 * A consumer that dies without leaving its group keeps its partitions until its session times out
 * (`sessionTimeoutMs`, the other adapters' visibility timeout).
 */
export async function openKafkaBroker<Event extends EventEnvelope>(
  options: KafkaBrokerOptions<Event>,
): Promise<Broker<Event>> {
  const topic = options.topic ?? 'journey.events';
  const { logger } = options;
  const sessionTimeout = Math.max(
    options.sessionTimeoutMs ?? DEFAULT_VISIBILITY_TIMEOUT_MS,
    MIN_SESSION_TIMEOUT_MS,
  );
  /** A client whose sockets can be waited for: one for the producer and admin, one per subscription. */
  const newClient = () => {
    const sockets = trackedSockets();
    const kafka = new Kafka({
      clientId: `journey:${topic}`,
      brokers: [...options.brokers],
      logLevel: logLevel.INFO,
      logCreator: logCreator(logger),
      socketFactory: sockets.socketFactory,
      connectionTimeout: 3_000,
      // A start against a cluster that is not there fails within seconds; a consumer whose cluster
      // went away restarts by itself after these (kafkajs's restartOnFailure).
      retry: { initialRetryTime: 100, retries: 5 },
    });
    return { kafka, sockets };
  };
  const { kafka, sockets } = newClient();
  // The Java client's partitioner (murmur2 of the key): an aggregate lands where a JVM producer would put it.
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const admin = kafka.admin();
  try {
    await producer.connect();
    await admin.connect();
    // The cluster creates the topic on first use, with its default partition count (the mock's is
    // 4). Done now, so a group subscribing before any publish has partitions to start from.
    await admin.fetchTopicMetadata({ topics: [topic] });
  } catch (error) {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    await sockets.closed();
    throw new Error(
      `cannot open Kafka topic ${topic} at ${options.brokers.join(',')}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const subscriptions = new Set<Subscription>();
  let closed = false;

  async function subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
    const { group, types, prefetch = DEFAULT_PREFETCH } = subscribeOptions;
    const groupId = `${topic}.${group}`;
    const subscribed = new Set<string>(types);
    const dispatcher = createDispatcher(subscribeOptions, prefetch, logger);
    // Where each partition ends now, and where the group stands: a group seen for the first time
    // starts at these ends (see seekStarts()).
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map(({ partition, offset }) => [partition, offset]),
    );
    const committedBefore = await committedOffsets();
    // close() stops only the subscriptions it knows, registered below: one still opening gives up.
    if (closed) throw new Error(`kafka broker closed while group ${groupId} was subscribing`);
    const client = newClient();
    let stopping = false;
    const consumer = client.kafka.consumer({
      groupId,
      allowAutoTopicCreation: true,
      sessionTimeout,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      maxWaitTimeInMs: FETCH_WAIT_MS,
      // A consumer that crashes while it stops (its pending join cut by the disconnect) stays down.
      retry: { restartOnFailure: async () => !stopping },
    });
    const committer = createCommitter(consumer, topic, groupId, logger);
    /** This process's partitions since the last rebalance, each with what it has taken from it. */
    let assigned = new Map<number, PartitionOffsets>();
    const backoffTimers = new Set<NodeJS.Timeout>();
    let joins = 0;

    async function committedOffsets() {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return new Map(committed?.partitions.map(({ partition, offset }) => [partition, offset]) ?? []);
    }
    // A partition added after subscribe() holds only later events: from its beginning.
    const startOf = (partition: number) => ({ topic, partition, offset: ends.get(partition) ?? '0' });

    /**
     * Kafka starts a group with no committed offset at the partition's end *when its consumer first
     * fetches*, which may be after a publish that followed subscribe(): that event would be skipped.
     * So a partition the group has never committed starts where it ended when subscribe() was
     * called: sought there at the join, before kafkajs's first fetch (the GROUP_JOIN listener runs
     * inside its emit), then committed there, so the group's next owner of the partition starts
     * there too. The commits are read again first: if another process of a new group committed
     * meanwhile, this one goes back to that commit (a few duplicates, never a gap).
     */
    function seekStarts(partitions: readonly number[]) {
      for (const partition of partitions)
        if ((committedBefore.get(partition) ?? '-1') === '-1') consumer.seek(startOf(partition));
    }
    async function commitStarts(partitions: readonly number[], join: number) {
      for (;;) {
        try {
          const committed = await committedOffsets();
          const unplaced = partitions.filter((p) => (committed.get(p) ?? '-1') === '-1').map(startOf);
          if (unplaced.length > 0) await consumer.commitOffsets(unplaced);
          for (const placed of unplaced) if (join > 1) consumer.seek(placed);
          if (join === 1)
            for (const partition of partitions) {
              const offset = committed.get(partition) ?? '-1';
              if ((committedBefore.get(partition) ?? '-1') === '-1' && offset !== '-1')
                consumer.seek({ topic, partition, offset });
            }
          return;
        } catch (error) {
          if (stopping || join !== joins) return;
          logger.warn(
            { err: error, group: groupId },
            "kafka: committing a new group's start failed; retrying",
          );
          await sleep(PLACEMENT_RETRY_MS);
        }
      }
    }

    /** Settles once: at the first join, or with why there will be none (a crash for good, a stop). */
    let markJoined!: () => void;
    let failJoin!: (error: Error) => void;
    const joined = new Promise<void>((resolve, reject) => {
      markJoined = resolve;
      failJoin = reject;
    });
    // Awaited by startConsuming(), unless a failure or stop came before it got that far.
    joined.catch(() => {});
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (stopping) return;
      logger.error(
        { err: payload.error, group: groupId, restart: payload.restart },
        payload.restart ? 'kafka consumer crashed; kafkajs restarts it' : 'kafka consumer crashed for good',
      );
      if (!payload.restart)
        failJoin(
          new Error(`its consumer crashed for good: ${payload.error.message}`, { cause: payload.error }),
        );
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const join = ++joins;
      const partitions = payload.memberAssignment[topic] ?? [];
      // What was taken under the last assignment is settled without committing or redelivering:
      // the partitions' owners now (this process included) fetch from the last commit.
      for (const offsets of assigned.values()) offsets.revoke();
      assigned = new Map(partitions.map((partition) => [partition, partitionOffsets(partition)]));
      if (join === 1) seekStarts(partitions);
      void commitStarts(partitions, join).then(markJoined);
    });

    function toDelivery(message: KafkaMessage, type: string, offsets: PartitionOffsets) {
      const offset = Number(message.offset);
      const deliver = () =>
        settleOnce(
          {
            id: headerText(message.headers, ID_HEADER),
            type,
            key: message.key?.toString() ?? '',
            message: decodeBody(message.value?.toString('utf8') ?? ''),
          },
          {
            ack: async () => {
              offsets.settle(offset);
              committer.changed(offsets);
            },
            // Kafka cannot put one message back: it stays uncommitted here and comes again after
            // its delay. Stopping or a rebalance first leaves it uncommitted, for the partition's
            // owner to fetch again from the last commit.
            nack: async (delayMs) => {
              const timer = setTimeout(() => {
                backoffTimers.delete(timer);
                if (!stopping && !offsets.revoked) dispatcher.push(deliver());
              }, delayMs);
              backoffTimers.add(timer);
            },
          },
        );
      return deliver();
    }

    /** Blocks kafkajs's fetch loop while the handler has its window full, still heartbeating. */
    async function room(heartbeat: () => Promise<void>) {
      while (dispatcher.pending >= prefetch) {
        let timer: NodeJS.Timeout | undefined;
        const roomy = await Promise.race([
          dispatcher.room(prefetch).then(() => true),
          new Promise<false>((resolve) => {
            timer = setTimeout(resolve, HEARTBEAT_INTERVAL_MS, false);
          }),
        ]);
        clearTimeout(timer);
        if (!roomy) await heartbeat();
      }
    }

    /** Stops fetching: a consumer not yet running, or between a crash and its restart, has nothing to pause. */
    function pauseFetching() {
      try {
        consumer.pause([{ topic }]);
      } catch (error) {
        logger.debug({ err: error, group: groupId }, 'kafka consumer not running; nothing to pause');
      }
    }
    /** Until the first join: kafkajs's run() returns before it, and only reports a failed one as a crash. */
    async function startConsuming() {
      await consumer.connect();
      // A stop meanwhile (close()) has disconnected the consumer: going on would connect it again.
      if (!stopping) await consumer.subscribe({ topics: [topic], fromBeginning: false });
      if (!stopping)
        await consumer.run({
          autoCommit: false,
          // Offsets are resolved one by one as messages are taken, so a batch cut short (a stop, a
          // rebalance) is fetched again from the first message not taken.
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
            const offsets = assigned.get(batch.partition);
            if (!offsets) return;
            for (const message of batch.messages) {
              if (stopping || offsets.revoked || !isRunning() || isStale()) return;
              offsets.take(Number(message.offset));
              resolveOffset(message.offset);
              const type = headerText(message.headers, TYPE_HEADER);
              if (!subscribed.has(type)) {
                offsets.settle(Number(message.offset));
                committer.changed(offsets);
                continue;
              }
              // In offset order: one aggregate's events, on one partition, reach the handler in order.
              dispatcher.push(toDelivery(message, type, offsets));
              await room(heartbeat);
            }
          },
        });
      await joined;
    }
    let stopped: Promise<void> | undefined;
    async function stopNow() {
      stopping = true;
      subscriptions.delete(subscription);
      failJoin(new Error('the broker was closed before its consumer joined the group'));
      pauseFetching();
      await dispatcher.idle();
      for (const timer of backoffTimers) clearTimeout(timer);
      // Before leaving the group: a commit needs this member's generation.
      await committer.flush();
      await consumer.disconnect();
      await client.sockets.closed();
    }
    const subscription: Subscription = { stop: () => (stopped ??= stopNow()) };
    // Known to close() from here: a consumer that never joins its group is stopped by it too.
    subscriptions.add(subscription);
    try {
      await startConsuming();
    } catch (error) {
      await subscription.stop();
      throw new Error(
        `cannot subscribe group ${groupId} to Kafka topic ${topic}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return subscription;
  }

  return {
    kind: 'kafka',
    async publish(event) {
      if (closed) throw new Error(`kafka broker is closed; cannot publish ${event.type}`);
      const { id, type, key, body } = encodeEvent(event, options.events);
      // acks -1: resolved once every in-sync replica has the message, Kafka's publisher confirm.
      // Kafka keeps no message id: a second publish of one event (a relay that crashed before
      // marking it sent) is a second message, which the consumers' inbox absorbs.
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: key || null, value: body, headers: { [ID_HEADER]: id, [TYPE_HEADER]: type } }],
      });
    },
    async subscribe(subscribeOptions) {
      if (closed) throw new Error('kafka broker is closed; cannot subscribe');
      return subscribe(subscribeOptions);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      await Promise.all([producer.disconnect(), admin.disconnect()]);
      await sockets.closed();
    },
  };
}
