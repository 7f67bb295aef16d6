import type { MessagingTables } from '@journey/event-driven-outbox';
import type { EventHistoryTables } from './event-history.js';
import type { ProjectionTables } from './projections/index.js';

/** The views service's own tables: the event history and every projection's. */
export type ViewsTables = EventHistoryTables & ProjectionTables;

/** Its whole database: its own tables and the chassis's messaging ones (inbox, dead letters). */
export type ViewsDatabaseTables = ViewsTables & MessagingTables;
