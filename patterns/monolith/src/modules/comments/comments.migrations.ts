import type { Kysely } from 'kysely';
import { autoIncrement, idType, type ModuleMigrations } from '../../database/migrations.js';

// article_id and author_id point into other modules' tables, so they carry no foreign key: the
// articles module tells us about deletions through ArticlesApi.onDeleted instead.
export const commentsMigrations: ModuleMigrations = (dialect) => ({
  'comments-001-create': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('comments')
        .addColumn('id', idType(dialect), (c) =>
          autoIncrement(dialect) ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
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
