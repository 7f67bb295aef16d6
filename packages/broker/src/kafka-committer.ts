import type { Logger } from '@journey/platform';
import type { Consumer } from 'kafkajs';
import type { PartitionOffsets } from './kafka-offsets.js';

/**
 * Commits a consumer's offsets as messages are settled, one OffsetCommit at a time: what changes
 * while one is on the wire goes in the next. An ack therefore never waits for the broker (as with
 * RabbitMQ and NATS acks): a commit lost with the connection or a rebalance only means a
 * redelivery, which the consumers' inbox absorbs.
 */
export function createCommitter(consumer: Consumer, topic: string, group: string, logger: Logger) {
  const changed = new Set<PartitionOffsets>();
  let committing: Promise<void> | undefined;

  async function commitChanges() {
    // One turn first: `committing` is set before this can end, and acks of one burst share a commit.
    await Promise.resolve();
    try {
      while (changed.size > 0) {
        const due = [...changed].flatMap((offsets) => {
          const offset = offsets.uncommitted;
          return offset === undefined ? [] : [{ offsets, offset }];
        });
        changed.clear();
        if (due.length === 0) continue;
        try {
          await consumer.commitOffsets(
            due.map(({ offsets, offset }) => ({
              topic,
              partition: offsets.partition,
              offset: String(offset),
            })),
          );
          for (const { offsets, offset } of due) offsets.committed(offset);
        } catch (error) {
          // Mostly a rebalance took the partition away: its new owner starts from the last commit.
          logger.warn(
            { err: error, group, topic },
            'kafka offset commit failed; those messages may come again',
          );
        }
      }
    } finally {
      // Here, not in a .finally(): a change arriving after the loop's last check starts a new round.
      committing = undefined;
    }
  }

  return {
    changed(offsets: PartitionOffsets) {
      changed.add(offsets);
      committing ??= commitChanges();
    },
    /** Resolves once every change so far is committed (or its commit has failed). */
    async flush() {
      while (committing) await committing;
    },
  };
}
