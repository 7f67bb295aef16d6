import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import type { SqlDialectName } from './schema.js';

/** One schema for both databases; only the auto-incrementing id is spelled per dialect. */
function migrations(dialect: SqlDialectName): Record<string, Migration> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const primaryId = <C extends { primaryKey(): C; autoIncrement(): C }>(c: C) =>
    dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey();
  return {
    '001-conduit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('users')
          .addColumn('id', id, primaryId)
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('bio', 'text')
          .addColumn('image', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('users_username_unique', ['username'])
          .addUniqueConstraint('users_email_unique', ['email'])
          .execute();
        // "Jake" and "jake" would look like one person in every UI: one account per name, whatever the case.
        await db.schema
          .createIndex('users_username_lower_unique')
          .on('users')
          .expression(sql`lower(username)`)
          .unique()
          .execute();

        await db.schema
          .createTable('follows')
          .addColumn('follower_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('followee_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followee_id'])
          .execute();
        await db.schema.createIndex('follows_followee_idx').on('follows').column('followee_id').execute();

        await db.schema
          .createTable('articles')
          .addColumn('id', id, primaryId)
          .addColumn('slug', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('description', 'text', (c) => c.notNull())
          .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('favorites_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('tag_list', 'text', (c) => c.notNull().defaultTo('[]'))
          // Last: SQLite stores columns in order, and a list that skips the body never walks its overflow pages.
          .addColumn('body', 'text', (c) => c.notNull())
          .addUniqueConstraint('articles_slug_unique', ['slug'])
          .execute();
        await db.schema
          .createIndex('articles_author_idx')
          .on('articles')
          .columns(['author_id', 'id'])
          .execute();

        await db.schema
          .createTable('tags')
          .addColumn('id', id, primaryId)
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
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('article_id', 'integer', (c) =>
            c.notNull().references('articles.id').onDelete('cascade'),
          )
          .addPrimaryKeyConstraint('favorites_pk', ['user_id', 'article_id'])
          .execute();
        await db.schema.createIndex('favorites_article_idx').on('favorites').column('article_id').execute();

        // No foreign key to articles: removing an article's comments is a rule of the core
        // (delete-article.use-case.ts), which the in-memory adapter must follow just the same.
        await db.schema
          .createTable('comments')
          .addColumn('id', id, primaryId)
          .addColumn('article_id', 'integer', (c) => c.notNull())
          .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
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

export async function migrate(db: Kysely<unknown>, dialect: SqlDialectName): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
    // Shares a database with nobody, but a distinct table keeps it from ever reading another pattern's history.
    migrationTableName: 'hexagonal_migrations',
    migrationLockTableName: 'hexagonal_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(
      `migration ${failed?.migrationName ?? ''} failed: ${String((error as Error)?.message ?? error)}`,
      {
        cause: error,
      },
    );
  }
}
