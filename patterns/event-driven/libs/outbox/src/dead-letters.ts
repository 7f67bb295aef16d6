import type { Delivery } from '@journey/broker';
import {
  type MessagingDatabase,
  type MessagingTables,
  messagingOnly,
  timestamp,
} from './messaging.tables.js';

export interface DeadLetter {
  id: number;
  group: string;
  eventId: string;
  type: string;
  error: string;
  attempts: number;
  deadAt: string;
  replayedAt: string | null;
  /** The message as it arrived. */
  message: unknown;
}

export async function recordDeadLetter(
  database: MessagingDatabase,
  { group, delivery, error, attempts }: { group: string; delivery: Delivery; error: Error; attempts: number },
) {
  await database.db
    .insertInto('dead_letters')
    .values({
      consumer_group: group,
      event_id: delivery.id,
      type: delivery.type,
      body: typeof delivery.message === 'string' ? delivery.message : JSON.stringify(delivery.message),
      error: error.message,
      attempts,
      dead_at: timestamp(),
      replayed_at: null,
    })
    .execute();
}

/** Parses what recordDeadLetter stored; a body that was never JSON comes back as its text. */
const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
};

/** The consumer side of a replay: applying an event once, as the idempotent consumer does. */
interface Replayable {
  group: string;
  applyOnce(message: unknown): Promise<'applied' | 'duplicate'>;
}

/**
 * What `journey events dlq` reads and replays: the messages a consumer group gave up on, with why.
 * Replay applies the stored message through the group's own idempotent path, so replaying twice,
 * or replaying a message that was meanwhile delivered again, changes nothing more.
 */
export function deadLetterStore<Tables extends MessagingTables>(serviceDatabase: MessagingDatabase<Tables>) {
  const database = messagingOnly(serviceDatabase);
  return {
    async list(filter: { group?: string; includeReplayed?: boolean } = {}): Promise<DeadLetter[]> {
      let query = database.db.selectFrom('dead_letters').selectAll().orderBy('id');
      if (filter.group) query = query.where('consumer_group', '=', filter.group);
      if (!filter.includeReplayed) query = query.where('replayed_at', 'is', null);
      const rows = await query.execute();
      return rows.map((row) => ({
        id: row.id,
        group: row.consumer_group,
        eventId: row.event_id,
        type: row.type,
        error: row.error,
        attempts: row.attempts,
        deadAt: row.dead_at,
        replayedAt: row.replayed_at,
        message: parseBody(row.body),
      }));
    },

    /** Applies dead letter `id` now; on failure it stays parked with the new error, and the error is thrown. */
    async replay(id: number, consumer: Replayable): Promise<'applied' | 'duplicate'> {
      const row = await database.db
        .selectFrom('dead_letters')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new Error(`no dead letter ${id}`);
      if (row.consumer_group !== consumer.group) {
        throw new Error(`dead letter ${id} belongs to group ${row.consumer_group}, not ${consumer.group}`);
      }
      if (row.replayed_at)
        throw new Error(`dead letter ${id} (${row.type} ${row.event_id}) was replayed at ${row.replayed_at}`);
      try {
        const outcome = await consumer.applyOnce(parseBody(row.body));
        await database.transaction(async (tx) => {
          await tx
            .updateTable('dead_letters')
            .set({ replayed_at: timestamp() })
            .where('id', '=', id)
            .execute();
          await tx
            .deleteFrom('consumer_failures')
            .where('consumer_group', '=', row.consumer_group)
            .where('event_id', '=', row.event_id)
            .execute();
        });
        return outcome;
      } catch (error) {
        await database.db
          .updateTable('dead_letters')
          .set({ error: (error as Error).message, attempts: row.attempts + 1 })
          .where('id', '=', id)
          .execute();
        throw new Error(
          `replaying dead letter ${id} (${row.type} ${row.event_id}) failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    },
  };
}
