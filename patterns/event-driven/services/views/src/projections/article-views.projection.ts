import { compiledOnce } from '@journey/conduit-sql';
import type { Kysely } from 'kysely';
import { defineProjection } from './projection.js';

export interface ArticleViewsTables {
  articles: {
    article_id: number;
    slug: string;
    author_id: number;
    title: string;
    description: string;
    /** JSON array text, as the article was published (Conduit has no tag editing). */
    tag_list: string;
    created_at: string;
    updated_at: string;
    /** The owner's exact count, taken from the last favorite event rather than counted here. */
    favorites_count: number;
    body: string;
  };
  /** One row per tag of an article, for `?tag=`. */
  article_tags: { article_id: number; tag: string };
  /** Who favorited what, for `favorited` and `?favorited=`. */
  favorites: { user_id: number; article_id: number };
}

// Every publish runs these; compiled once per shape (tag count), not per event.
const insertArticle = compiledOnce(
  (
    tx: Kysely<ArticleViewsTables>,
    a: {
      articleId: number;
      slug: string;
      authorId: number;
      title: string;
      description: string;
      tagList: string;
      createdAt: string;
      body: string;
    },
  ) =>
    tx.insertInto('articles').values({
      article_id: a.articleId,
      slug: a.slug,
      author_id: a.authorId,
      title: a.title,
      description: a.description,
      tag_list: a.tagList,
      created_at: a.createdAt,
      updated_at: a.createdAt,
      favorites_count: 0,
      body: a.body,
    }),
);

const insertTags = compiledOnce(
  (tx: Kysely<ArticleViewsTables>, link: { articleId: number; tags: readonly string[] }) =>
    tx.insertInto('article_tags').values(link.tags.map((tag) => ({ article_id: link.articleId, tag }))),
);

/** Articles as a reader sees them, minus the author's profile (joined from `profiles` at read time). */
export const articleViewsProjection = defineProjection<ArticleViewsTables>({
  name: 'article views',
  types: ['ArticlePublished', 'ArticleUpdated', 'ArticleDeleted', 'ArticleFavorited', 'ArticleUnfavorited'],
  tables: ['articles', 'article_tags', 'favorites'],

  async createTables(db: Kysely<unknown>) {
    await db.schema
      .createTable('articles')
      .addColumn('article_id', 'integer', (c) => c.primaryKey())
      // Not unique: a slug freed by one article and taken by another may reach us in either order.
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('author_id', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('tag_list', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('favorites_count', 'integer', (c) => c.notNull())
      // Last, so a listing that skips the body never walks its overflow pages (SQLite stores columns in order).
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('articles_slug_idx').on('articles').column('slug').execute();
    await db.schema
      .createIndex('articles_author_idx')
      .on('articles')
      .columns(['author_id', 'article_id'])
      .execute();
    await db.schema
      .createTable('article_tags')
      .addColumn('article_id', 'integer', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag'])
      .execute();
    await db.schema
      .createIndex('article_tags_tag_idx')
      .on('article_tags')
      .columns(['tag', 'article_id'])
      .execute();
    await db.schema
      .createTable('favorites')
      .addColumn('user_id', 'integer', (c) => c.notNull())
      .addColumn('article_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('favorites_pk', ['user_id', 'article_id'])
      .execute();
    await db.schema.createIndex('favorites_article_idx').on('favorites').column('article_id').execute();
  },

  async apply(event, tx) {
    switch (event.type) {
      case 'ArticlePublished': {
        const { articleId, slug, authorId, title, description, body, tagList, createdAt } = event.payload;
        await insertArticle(tx, {
          articleId,
          slug,
          authorId,
          title,
          description,
          tagList: JSON.stringify(tagList),
          createdAt,
          body,
        });
        const tags = [...new Set(tagList)];
        if (tags.length > 0) await insertTags(tx, { articleId, tags });
        return;
      }
      case 'ArticleUpdated': {
        const { articleId, slug, title, description, body, updatedAt } = event.payload;
        await tx
          .updateTable('articles')
          .set({ slug, title, description, body, updated_at: updatedAt })
          .where('article_id', '=', articleId)
          .execute();
        return;
      }
      case 'ArticleDeleted': {
        const { articleId } = event.payload;
        await tx.deleteFrom('favorites').where('article_id', '=', articleId).execute();
        await tx.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
        await tx.deleteFrom('articles').where('article_id', '=', articleId).execute();
        return;
      }
      case 'ArticleFavorited':
      case 'ArticleUnfavorited': {
        const { articleId, userId, favoritesCount } = event.payload;
        if (event.type === 'ArticleFavorited') {
          await tx
            .insertInto('favorites')
            .values({ user_id: userId, article_id: articleId })
            .onConflict((oc) => oc.doNothing())
            .execute();
        } else {
          await tx
            .deleteFrom('favorites')
            .where('user_id', '=', userId)
            .where('article_id', '=', articleId)
            .execute();
        }
        await tx
          .updateTable('articles')
          .set({ favorites_count: favoritesCount })
          .where('article_id', '=', articleId)
          .execute();
        return;
      }
    }
  },
});
