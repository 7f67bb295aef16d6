import { rmSync } from 'node:fs';
import amqp from 'amqplib';
import { connect } from 'nats';
import { natsStreamName } from './open-broker-from-url.js';

/**
 * Removes what a run created under `namespace` on the broker `url` names (the forms openBrokerFromUrl
 * takes): the log file of the embedded broker; the exchange and each consumer group's queue on
 * RabbitMQ; the stream (and with it every durable consumer) on NATS. What is already gone is fine, so
 * a run that never got as far as creating something can still be cleaned up.
 *
 * RabbitMQ cannot list queues over AMQP, so the caller names the consumer groups.
 *
 * Kafka's is the mock cluster the lab starts for a run: its topic and groups live in that process's
 * memory and go with it. Nothing is removed here; the mock implements neither DeleteTopics nor
 * DeleteGroups to do it with.
 */
export async function removeNamespace(
  url: string,
  namespace: string,
  groups: readonly string[],
): Promise<void> {
  if (url.startsWith('embedded:')) {
    const path = url.slice('embedded:'.length);
    // WAL mode keeps two companions next to the file; a leftover -wal would be replayed into a new log.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    return;
  }
  if (/^amqps?:\/\//.test(url)) return removeRabbitMqNamespace(url, namespace, groups);
  if (/^nats:\/\//.test(url)) return removeNatsNamespace(url, namespace);
  if (url.startsWith('kafka://')) return;
  throw new Error(`cannot remove namespace ${namespace}: ${JSON.stringify(url)} names no broker we know`);
}

async function removeRabbitMqNamespace(url: string, namespace: string, groups: readonly string[]) {
  const exchange = `${namespace}.events`;
  const connection = await amqp.connect(url, { timeout: 3_000 });
  try {
    // A failed operation closes its channel; one channel per deletion keeps one failure from stopping the rest.
    const inFreshChannel = async (work: (channel: amqp.Channel) => Promise<unknown>) => {
      const channel = await connection.createChannel();
      channel.on('error', () => {});
      await work(channel);
      await channel.close();
    };
    // Queues first: deleting the exchange leaves their bindings to it dangling until they go too.
    for (const group of groups)
      await inFreshChannel((channel) => channel.deleteQueue(`${exchange}.${group}`));
    await inFreshChannel((channel) => channel.deleteExchange(exchange));
  } finally {
    await connection.close();
  }
}

async function removeNatsNamespace(url: string, namespace: string) {
  const connection = await connect({ servers: url, timeout: 3_000, reconnect: false });
  try {
    const manager = await connection.jetstreamManager();
    await manager.streams.delete(natsStreamName(namespace)).catch((error: Error) => {
      if (!/stream not found/i.test(error.message)) throw error;
    });
  } finally {
    await connection.close();
  }
}
