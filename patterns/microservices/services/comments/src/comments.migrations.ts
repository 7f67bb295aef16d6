import { createTableWithId, type ServiceMigrations } from '@journey/microservices-service-kit';
import type { Generated, Kysely } from 'kysely';

export interface CommentsTables {
  comments: {
    id: Generated<number>;
    article_id: number;
    author_id: number;
    body: string;
    created_at: string;
    updated_at: string;
  };
}

// article_id and author_id belong to other services: plain integers, no foreign keys across boundaries.
export const commentsMigrations: ServiceMigrations = (dialect) => ({
  'comments-001-create': {
    async up(db: Kysely<unknown>) {
      await createTableWithId(db, 'comments', dialect)
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
