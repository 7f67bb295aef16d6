import SQLite from 'better-sqlite3';
import { createEmbeddedLogSchema, type LogRow } from './embedded-log.schema.js';
import { checkpointInWorker } from './wal-checkpointer.js';

/**
 * The log's operations, each one SQLite transaction taken with BEGIN IMMEDIATE: several processes
 * share the file (WAL), and the write lock up front means two claimers never hand out the same
 * message (a deferred transaction could read the same rows, then fail to upgrade its lock).
 */
export function openEmbeddedLog(path: string, onCheckpointFailure: (message: string) => void) {
  const connect = (synchronous: 'FULL' | 'NORMAL') => {
    const connection = new SQLite(path);
    connection.pragma('journal_mode = WAL');
    connection.pragma('busy_timeout = 5000');
    connection.pragma(`synchronous = ${synchronous}`);
    // Checkpoints run in a worker thread (wal-checkpointer.ts), not inside a publish or a claim.
    connection.pragma('wal_autocheckpoint = 0');
    return connection;
  };
  // A publish is confirmed only once it is on disk: FULL syncs the WAL on every commit. Claims and
  // acks go through a second connection without that sync: one lost in a power cut means a
  // redelivery, which at-least-once delivery allows, and it costs the consumer no fsync per message.
  const publisher = connect('FULL');
  createEmbeddedLogSchema(publisher);
  const db = connect('NORMAL');
  const stopCheckpoints = checkpointInWorker(path, onCheckpointFailure);

  const append = publisher.prepare(
    'insert into log (id, type, key, body, published_at) values (?, ?, ?, ?, ?) on conflict (id) do nothing',
  );
  // One commit, so one sync of the WAL, for every row given: the sync is most of a publish's cost.
  const appendAll = publisher.transaction((rows: ReadonlyArray<Omit<LogRow, 'seq'>>) => {
    const publishedAt = new Date().toISOString();
    for (const row of rows) append.run(row.id, row.type, row.key, row.body, publishedAt);
  });
  const joinGroup = db.prepare(
    'insert into consumer_groups (name, next_seq) values (?, (select coalesce(max(seq), 0) + 1 from log)) on conflict (name) do nothing',
  );
  const due = db.prepare<[string, number, number], LogRow>(`
    select log.seq, log.id, log.type, log.key, log.body from pending join log on log.seq = pending.seq
    where pending.group_name = ? and pending.visible_at <= ? order by pending.seq limit ?`);
  const nextSeq = db.prepare<[string], { next_seq: number }>(
    'select next_seq from consumer_groups where name = ?',
  );
  const unseen = db.prepare<[number, string, number], LogRow>(`
    select seq, id, type, key, body from log
    where seq >= ? and type in (select value from json_each(?)) order by seq limit ?`);
  const lastSeq = db.prepare<[], { seq: number | null }>('select max(seq) as seq from log');
  const hold = db.prepare(
    'insert into pending (group_name, seq, visible_at) values (?, ?, ?) on conflict do update set visible_at = excluded.visible_at',
  );
  const moveOffset = db.prepare('update consumer_groups set next_seq = ? where name = ?');
  const release = db.prepare('delete from pending where group_name = ? and seq = ?');
  const postpone = db.prepare('update pending set visible_at = ? where group_name = ? and seq = ?');

  /** Messages for `group`: first the ones whose visibility ran out (redelivery), then unseen ones. */
  const claim = db.transaction(
    (group: string, types: readonly string[], limit: number, visibilityTimeoutMs: number): LogRow[] => {
      const now = Date.now();
      const claimed = due.all(group, now, limit);
      const room = limit - claimed.length;
      const from = nextSeq.get(group)!.next_seq;
      const fresh = room > 0 ? unseen.all(from, JSON.stringify(types), room) : [];
      claimed.push(...fresh);
      for (const row of claimed) hold.run(group, row.seq, now + visibilityTimeoutMs);
      if (room > 0) {
        // Fewer rows than there was room for means the group has seen the whole log, other types included.
        const seenUpTo = fresh.length < room ? (lastSeq.get()!.seq ?? 0) : fresh.at(-1)!.seq;
        if (seenUpTo >= from) moveOffset.run(seenUpTo + 1, group);
      }
      return claimed;
    },
  );

  return {
    append(rows: ReadonlyArray<Omit<LogRow, 'seq'>>) {
      appendAll(rows);
    },
    /**
     * A function that tells whether another connection, another process's included, committed to the
     * log since its last call: reading the WAL index's counter, without a lock or a query, so an idle
     * subscriber can ask often and claim (which takes the write lock) only when there may be something
     * new. One per subscriber: a shared one would tell only the first to ask, the others would wait
     * for their next poll.
     */
    watchChanges() {
      let seen = db.pragma('data_version', { simple: true });
      return () => {
        const now = db.pragma('data_version', { simple: true });
        if (now === seen) return false;
        seen = now;
        return true;
      };
    },
    joinGroup(group: string) {
      joinGroup.run(group);
    },
    claim: (group: string, types: readonly string[], limit: number, visibilityTimeoutMs: number) =>
      claim.immediate(group, types, limit, visibilityTimeoutMs),
    ack(group: string, seq: number) {
      release.run(group, seq);
    },
    nack(group: string, seq: number, delayMs: number) {
      postpone.run(Date.now() + delayMs, group, seq);
    },
    async close() {
      await stopCheckpoints();
      db.close();
      publisher.close();
    },
  };
}

export type EmbeddedLog = ReturnType<typeof openEmbeddedLog>;
