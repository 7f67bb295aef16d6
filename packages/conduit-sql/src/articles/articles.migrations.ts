import { type Kysely, sql } from 'kysely';
import { type Dialect, primaryId } from '../dialect.js';
import type { TableMigrations } from '../migrate.js';

export const articlesMigrations: TableMigrations = (dialect) => ({
  'articles-001-create': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('articles')
        .addColumn('id', ...primaryId(dialect))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        // The author lives in the users group: an id, not a foreign key across a module boundary.
        .addColumn('author_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('favorites_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('tag_list', 'text', (c) => c.notNull().defaultTo('[]'))
        // Last on purpose: SQLite stores a row's columns in order, and a list that skips the body
        // then never walks the body's overflow pages to reach the columns after it.
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('articles_author_idx')
        .on('articles')
        .columns(['author_id', 'id'])
        .execute();

      await db.schema
        .createTable('tags')
        .addColumn('id', ...primaryId(dialect))
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .execute();

      // Inside the group, deleting an article takes its tag links and favorites along.
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
  'articles-002-tag-counts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('tags')
        .addColumn('articles_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update tags set articles_count = (select count(*) from article_tags where tag_id = tags.id)`.execute(
        db,
      );
      // The tag cloud reads this index in order: most used first, then by name.
      await db.schema
        .createIndex('tags_popularity_idx')
        .on('tags')
        .expression(sql`articles_count desc, name`)
        .execute();
      await countTagLinks(db, dialect);
    },
  },
});

/**
 * Keeps `tags.articles_count` equal to the tag's `article_tags` rows in the transaction that links or
 * unlinks them. A trigger rather than code in `linkTags` because links also go by ON DELETE CASCADE when
 * an article is deleted, from each pattern's own delete; the trigger sees those too, on both databases.
 */
async function countTagLinks(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`
      create function article_tags_count() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          update tags set articles_count = articles_count + 1 where id = new.tag_id;
        else
          update tags set articles_count = articles_count - 1 where id = old.tag_id;
        end if;
        return null;
      end $$`.execute(db);
    await sql`
      create trigger article_tags_counted after insert or delete on article_tags
      for each row execute function article_tags_count()`.execute(db);
    return;
  }
  await sql`
    create trigger article_tags_linked after insert on article_tags begin
      update tags set articles_count = articles_count + 1 where id = new.tag_id;
    end`.execute(db);
  await sql`
    create trigger article_tags_unlinked after delete on article_tags begin
      update tags set articles_count = articles_count - 1 where id = old.tag_id;
    end`.execute(db);
}
