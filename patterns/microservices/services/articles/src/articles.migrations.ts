import { createTableWithId, type ServiceMigrations } from '@journey/microservices-service-kit';
import type { Generated, Kysely } from 'kysely';

export interface ArticlesTables {
  articles: {
    id: Generated<number>;
    slug: string;
    title: string;
    description: string;
    body: string;
    author_id: number;
    created_at: string;
    updated_at: string;
    favorites_count: Generated<number>;
    /** JSON array text, sorted when written (Conduit has no tag editing). */
    tag_list: string;
  };
  tags: { id: Generated<number>; name: string };
  article_tags: { article_id: number; tag_id: number };
  favorites: { user_id: number; article_id: number };
}

export const articlesMigrations: ServiceMigrations = (dialect) => ({
  'articles-001-create': {
    async up(db: Kysely<unknown>) {
      await createTableWithId(db, 'articles', dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        // The author is an identity account: an id, no foreign key across the service boundary.
        .addColumn('author_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('favorites_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('tag_list', 'text', (c) => c.notNull().defaultTo('[]'))
        // Last, so a listing that skips the body never walks its overflow pages (SQLite stores columns in order).
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('articles_author_idx')
        .on('articles')
        .columns(['author_id', 'id'])
        .execute();
      await createTableWithId(db, 'tags', dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createTable('article_tags')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
        .execute();
      await db.schema
        .createIndex('article_tags_tag_idx')
        .on('article_tags')
        .columns(['tag_id', 'article_id'])
        .execute();
      await db.schema
        .createTable('favorites')
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('favorites_pk', ['user_id', 'article_id'])
        .execute();
      await db.schema.createIndex('favorites_article_idx').on('favorites').column('article_id').execute();
    },
  },
});
