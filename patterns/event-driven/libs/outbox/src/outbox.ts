import { type DomainEvent, validateEvent } from '@journey/event-driven-events';
import type { Kysely } from 'kysely';
import { type MessagingTables, messagingTablesOf, timestamp } from './messaging.tables.js';

/**
 * pattern: transactional outbox. Call it inside the transaction that changes the state: the fact
 * and the change commit together or not at all, and the relay publishes it later, even after a crash.
 */
export async function appendToOutbox<Tables extends MessagingTables>(
  tx: Kysely<Tables>,
  event: DomainEvent,
): Promise<void> {
  const valid = validateEvent(event);
  await messagingTablesOf(tx)
    .insertInto('outbox')
    .values({ event_id: valid.id, type: valid.type, body: JSON.stringify(valid), created_at: timestamp() })
    .execute();
}
