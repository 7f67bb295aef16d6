import type { Logger } from '@journey/platform';
import type { Consumer } from 'kafkajs';
import type { PartitionOffsets } from './kafka-offsets.js';

/** Between attempts at a commit that failed (a rebalance under way, a broker restarting). */
const COMMIT_RETRY_MS = 500;

/**
 * Commits a consumer's offsets as messages are settled, one OffsetCommit at a time: what changes
 * while one is on the wire goes in the next. An ack therefore never waits for the broker (as with
 * RabbitMQ and NATS acks): a commit lost with the connection or a rebalance only means a
 * redelivery, which the consumers' inbox absorbs. A failed commit is tried again while its
 * partition is still this consumer's; a revoked partition's offsets are never committed.
 */
export function createCommitter(consumer: Consumer, topic: string, group: string, logger: Logger) {
  const changed = new Set<PartitionOffsets>();
  let committing: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let finishing = false;

  async function commitChanges() {
    // One turn first: `committing` is set before this can end, and acks of one burst share a commit.
    await Promise.resolve();
    try {
      while (changed.size > 0) {
        const due = [...changed].flatMap((offsets) => {
          const offset = offsets.uncommitted;
          return offsets.revoked || offset === undefined ? [] : [{ offsets, offset }];
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
          // Kept for the next attempt; a rebalance meanwhile revokes them, and their new owner
          // starts from the last commit.
          for (const { offsets } of due) changed.add(offsets);
          logger.warn(
            { err: error, group, topic, partitions: due.map(({ offsets }) => offsets.partition) },
            "kafka offset commit failed; retrying while the partitions are this consumer's",
          );
          if (!finishing) retryTimer ??= setTimeout(retry, COMMIT_RETRY_MS);
          return;
        }
      }
    } finally {
      // Here, not in a .finally(): a change arriving after the loop's last check starts a new round.
      committing = undefined;
    }
  }
  function retry() {
    retryTimer = undefined;
    if (changed.size > 0) committing ??= commitChanges();
  }

  return {
    changed(offsets: PartitionOffsets) {
      changed.add(offsets);
      committing ??= commitChanges();
    },
    /**
     * Before the consumer leaves its group: waits for the commit on the wire, tries once more what
     * failed, and schedules no retry after. Resolves once every change is committed or its last
     * attempt has failed.
     */
    async flush() {
      finishing = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      while (committing) await committing;
      if (changed.size === 0) return;
      committing = commitChanges();
      await committing;
    },
  };
}
