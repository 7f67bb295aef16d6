import { compiledOnce } from '@journey/conduit-sql';
import type { Kysely } from 'kysely';
import { defineProjection } from './projection.js';

export interface FeedTables {
  /** One row per reader and article of an author the reader follows: a feed page is one index range. */
  feed_entries: { reader_id: number; article_id: number; author_id: number; created_at: string };
  /** The feed's own copy of who follows whom (it may not read the `profiles` projection's). */
  feed_follows: { follower_id: number; followed_id: number };
  /** Each author's articles, so a new follow can back-fill the follower's feed. */
  feed_articles: { article_id: number; author_id: number; created_at: string };
}

type PublishedArticle = { articleId: number; authorId: number; createdAt: string };

// Every publish runs these two; compiled once, since building the fan-out's insert … select cost
// Kysely more than SQLite took to run it.
const addArticle = compiledOnce((tx: Kysely<FeedTables>, article: PublishedArticle) =>
  tx
    .insertInto('feed_articles')
    .values({ article_id: article.articleId, author_id: article.authorId, created_at: article.createdAt }),
);

const fanOut = compiledOnce((tx: Kysely<FeedTables>, article: PublishedArticle) =>
  tx
    .insertInto('feed_entries')
    .columns(['reader_id', 'article_id', 'author_id', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('feed_follows')
        .where('followed_id', '=', article.authorId)
        .select((s) => [
          'follower_id',
          // Typed, because PostgreSQL cannot infer a bare parameter's type in a select list.
          s.cast<number>(s.val(article.articleId), 'integer').as('article_id'),
          s.cast<number>(s.val(article.authorId), 'integer').as('author_id'),
          s.cast<string>(s.val(article.createdAt), 'text').as('created_at'),
        ]),
    ),
);

/**
 * pattern: fan-out on write. Publishing writes a row into every follower's feed, so reading a
 * feed is one indexed range instead of a join over everyone the reader follows.
 */
export const feedProjection = defineProjection<FeedTables>({
  name: 'feed',
  types: ['UserFollowed', 'UserUnfollowed', 'ArticlePublished', 'ArticleDeleted'],
  tables: ['feed_entries', 'feed_follows', 'feed_articles'],

  async createTables(db: Kysely<unknown>) {
    await db.schema
      .createTable('feed_entries')
      .addColumn('reader_id', 'integer', (c) => c.notNull())
      .addColumn('article_id', 'integer', (c) => c.notNull())
      .addColumn('author_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('feed_entries_pk', ['reader_id', 'article_id'])
      .execute();
    // A page: the reader's newest entries.
    await db.schema
      .createIndex('feed_entries_page_idx')
      .on('feed_entries')
      .columns(['reader_id', 'created_at', 'article_id'])
      .execute();
    // An unfollow removes one author's entries; a delete removes one article's.
    await db.schema
      .createIndex('feed_entries_author_idx')
      .on('feed_entries')
      .columns(['reader_id', 'author_id'])
      .execute();
    await db.schema.createIndex('feed_entries_article_idx').on('feed_entries').column('article_id').execute();
    await db.schema
      .createTable('feed_follows')
      .addColumn('follower_id', 'integer', (c) => c.notNull())
      .addColumn('followed_id', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('feed_follows_pk', ['followed_id', 'follower_id'])
      .execute();
    await db.schema
      .createTable('feed_articles')
      .addColumn('article_id', 'integer', (c) => c.primaryKey())
      .addColumn('author_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('feed_articles_author_idx')
      .on('feed_articles')
      .columns(['author_id', 'article_id'])
      .execute();
  },

  async apply(event, tx) {
    switch (event.type) {
      case 'ArticlePublished': {
        const { articleId, authorId, createdAt } = event.payload;
        await addArticle(tx, { articleId, authorId, createdAt });
        await fanOut(tx, { articleId, authorId, createdAt });
        return;
      }
      case 'ArticleDeleted':
        await tx.deleteFrom('feed_entries').where('article_id', '=', event.payload.articleId).execute();
        await tx.deleteFrom('feed_articles').where('article_id', '=', event.payload.articleId).execute();
        return;
      case 'UserFollowed': {
        const { followerId, followedId } = event.payload;
        const added = await tx
          .insertInto('feed_follows')
          .values({ follower_id: followerId, followed_id: followedId })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (added.numInsertedOrUpdatedRows === 0n) return;
        // Following someone shows the articles they already wrote, not only the next ones.
        await tx
          .insertInto('feed_entries')
          .columns(['reader_id', 'article_id', 'author_id', 'created_at'])
          .expression((eb) =>
            eb
              .selectFrom('feed_articles')
              .where('author_id', '=', followedId)
              .select((s) => [
                s.cast<number>(s.val(followerId), 'integer').as('reader_id'),
                'article_id',
                'author_id',
                'created_at',
              ]),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
        return;
      }
      case 'UserUnfollowed': {
        const { followerId, followedId } = event.payload;
        await tx
          .deleteFrom('feed_follows')
          .where('follower_id', '=', followerId)
          .where('followed_id', '=', followedId)
          .execute();
        await tx
          .deleteFrom('feed_entries')
          .where('reader_id', '=', followerId)
          .where('author_id', '=', followedId)
          .execute();
        return;
      }
    }
  },
});
