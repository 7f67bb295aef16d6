import type { Kysely } from 'kysely';
import type { TableMigrations } from '../migrate.js';

// The primary key is what stops two concurrent requests with the same key from both writing: the
// second insert waits for the first transaction and then fails (ADR 0011).
export const idempotencyMigrations: TableMigrations = () => ({
  'idempotency-001-create': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('answer', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
    },
  },
  'idempotency-002-headers': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('idempotency_keys').addColumn('headers', 'text').execute();
    },
  },
});
