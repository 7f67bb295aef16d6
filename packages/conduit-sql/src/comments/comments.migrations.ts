import type { Kysely } from 'kysely';
import { primaryId } from '../dialect.js';
import type { TableMigrations } from '../migrate.js';

// article_id and author_id point into other groups' tables, so they carry no foreign key: whoever
// deletes an article deletes its comments in the same transaction (each pattern in its own way).
export const commentsMigrations: TableMigrations = (dialect) => ({
  'comments-001-create': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('comments')
        .addColumn('id', ...primaryId(dialect))
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('author_id', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('comments_article_idx')
        .on('comments')
        .columns(['article_id', 'id'])
        .execute();
    },
  },
});
