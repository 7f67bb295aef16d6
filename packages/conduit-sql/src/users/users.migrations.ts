import { type Kysely, sql } from 'kysely';
import { primaryId } from '../dialect.js';
import type { TableMigrations } from '../migrate.js';

export const usersMigrations: TableMigrations = (dialect) => ({
  'users-001-create': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', ...primaryId(dialect))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('bio', 'text')
        .addColumn('image', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // "Jake" and "jake" would look like one person in every UI: one account per name, whatever the case.
      await db.schema
        .createIndex('users_username_lower_unique')
        .on('users')
        .expression(sql`lower(username)`)
        .unique()
        .execute();
    },
  },
});
