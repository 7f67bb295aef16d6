import type { Dialect } from '@journey/conduit-sql';
import type { MessagingDatabase } from '@journey/event-driven-outbox';
import type { ViewsDatabaseTables } from './views.tables.js';

/** What the read side needs of its database; the chassis's `openServiceDatabase` gives more. */
export interface ViewsDatabase extends MessagingDatabase<ViewsDatabaseTables> {
  dialect: Dialect;
}
