import { type ColumnDefinitionBuilder, type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { Dialect } from './connection.js';

/**
 * One schema for SQLite and PostgreSQL (ADR 4): text timestamps, and the id column is the only
 * dialect switch. Uniqueness is a constraint, never a check in code, so racing writes cannot both win.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const primaryKey = (c: ColumnDefinitionBuilder) =>
    dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey();
  return {
    'layered-001-schema': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', id, primaryKey)
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('bio', 'text')
          .addColumn('image', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        // "Jake" and "jake" would be one person in any UI: one account per name, whatever the case.
        await db.schema
          .createIndex('users_username_lower_unique')
          .on('users')
          .expression(sql`lower(username)`)
          .unique()
          .execute();

        await db.schema
          .createTable('follows')
          .addColumn('follower_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('followee_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followee_id'])
          .execute();
        await db.schema.createIndex('follows_followee_idx').on('follows').column('followee_id').execute();

        await db.schema
          .createTable('articles')
          .addColumn('id', id, primaryKey)
          .addColumn('slug', 'text', (c) => c.notNull().unique())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('favorites_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('tag_list', 'text', (c) => c.notNull().defaultTo('[]'))
          // Last: SQLite stores columns in order, so a list that skips the body never reads its pages.
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('articles_author_idx')
          .on('articles')
          .columns(['author_id', 'id'])
          .execute();

        await db.schema
          .createTable('tags')
          .addColumn('id', id, primaryKey)
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .execute();
        await db.schema
          .createTable('article_tags')
          .addColumn('article_id', 'integer', (c) =>
            c.notNull().references('articles.id').onDelete('cascade'),
          )
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
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('article_id', 'integer', (c) =>
            c.notNull().references('articles.id').onDelete('cascade'),
          )
          .addPrimaryKeyConstraint('favorites_pk', ['user_id', 'article_id'])
          .execute();
        await db.schema.createIndex('favorites_article_idx').on('favorites').column('article_id').execute();

        // One schema, so comments may point at articles: deleting an article takes its comments along.
        await db.schema
          .createTable('comments')
          .addColumn('id', id, primaryKey)
          .addColumn('article_id', 'integer', (c) =>
            c.notNull().references('articles.id').onDelete('cascade'),
          )
          .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
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
  };
}

export async function migrate(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const all = migrations(dialect);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => all } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
}
