import { type Kysely, type Migration, sql } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

/** The outbox, relay lease, inbox, failure counts and dead letters, added to a service's own migrations. */
export function messagingMigrations(dialect: Dialect): Record<string, Migration> {
  const withSeq = (db: Kysely<unknown>, table: string, column: string) =>
    db.schema
      .createTable(table)
      .addColumn(column, dialect === 'postgres' ? 'serial' : 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
      );
  return {
    'messaging-001-outbox': {
      async up(db) {
        await withSeq(db, 'outbox', 'seq')
          .addColumn('event_id', 'text', (c) => c.notNull().unique())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('published_at', 'text')
          .execute();
        // The relay's only query: the oldest unpublished rows.
        await db.schema
          .createIndex('outbox_unpublished')
          .on('outbox')
          .columns(['published_at', 'seq'])
          .execute();
        await db.schema
          .createTable('relay_lease')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await sql`insert into relay_lease (name, holder, expires_at) values ('outbox', '', ${new Date(0).toISOString()})`.execute(
          db,
        );
      },
    },
    'messaging-002-inbox-and-dead-letters': {
      async up(db) {
        await db.schema
          .createTable('inbox')
          .addColumn('consumer_group', 'text', (c) => c.notNull())
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('processed_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('inbox_key', ['consumer_group', 'event_id'])
          .execute();
        await db.schema
          .createTable('consumer_failures')
          .addColumn('consumer_group', 'text', (c) => c.notNull())
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('last_error', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('consumer_failures_key', ['consumer_group', 'event_id'])
          .execute();
        await withSeq(db, 'dead_letters', 'id')
          .addColumn('consumer_group', 'text', (c) => c.notNull())
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('error', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          .addColumn('dead_at', 'text', (c) => c.notNull())
          .addColumn('replayed_at', 'text')
          .execute();
      },
    },
  };
}
