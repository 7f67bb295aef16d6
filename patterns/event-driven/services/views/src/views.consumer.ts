import { EVENT_TYPES } from '@journey/event-driven-events';
import type { ConsumerDefinition } from '@journey/event-driven-outbox';
import { appendToHistory } from './event-history.js';
import { projectionsTaking } from './projections/index.js';
import type { ViewsDatabaseTables } from './views.tables.js';

/**
 * The `views` consumer group takes every event. In the one transaction the idempotent consumer opens
 * (which also records the event in the inbox), the event joins the history and reaches every
 * projection of its type: all of it commits, or none of it and the event is retried.
 */
export const viewsConsumer: ConsumerDefinition<ViewsDatabaseTables> = {
  group: 'views',
  types: EVENT_TYPES,
  async apply(event, tx) {
    await appendToHistory(tx, event);
    for (const projection of projectionsTaking(event.type)) await projection.apply(event, tx);
  },
};
