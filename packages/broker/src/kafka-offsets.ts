/**
 * One partition's messages a consumer has taken since it was assigned the partition, and the offset
 * it may commit. Kafka keeps one committed offset per partition and group: committing N says
 * "everything before N is handled". A port that settles messages one by one therefore commits only
 * up to the oldest message still unsettled; acked ones after it are delivered again if the consumer
 * dies first, which at-least-once delivery allows.
 *
 * Offsets are int64 on the wire; as numbers they are exact up to 2^53, which no partition reaches.
 */
export function partitionOffsets(partition: number) {
  /** Taken and not yet settled, in offset order (a partition's messages are taken in offset order). */
  const unsettled: number[] = [];
  let next: number | undefined;
  let committed = -1;
  let revoked = false;
  return {
    partition,
    /**
     * Whether a rebalance has taken the partition from this object: Kafka does not check who commits,
     * so its late acks would move the new owner's offset back, and its nacked messages are the new
     * owner's to deliver (from the last commit). Set at every join, even for a partition assigned
     * again: the new generation fetches from the last commit, into a new object.
     */
    get revoked() {
      return revoked;
    },
    revoke() {
      revoked = true;
    },
    take(offset: number) {
      unsettled.push(offset);
      next = offset + 1;
    },
    /** A message handled, or skipped (of a type the group did not ask for). */
    settle(offset: number) {
      const index = unsettled.indexOf(offset);
      if (index >= 0) unsettled.splice(index, 1);
    },
    /** The offset to commit now (the oldest unsettled one, else the one after the last taken); undefined when it is already committed. */
    get uncommitted(): number | undefined {
      const offset = unsettled[0] ?? next;
      return offset !== undefined && offset > committed ? offset : undefined;
    },
    committed(offset: number) {
      committed = Math.max(committed, offset);
    },
  };
}

export type PartitionOffsets = ReturnType<typeof partitionOffsets>;
