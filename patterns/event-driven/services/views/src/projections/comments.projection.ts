import type { Kysely } from 'kysely';
import { defineProjection } from './projection.js';

export interface CommentsTables {
  comments: {
    comment_id: number;
    article_id: number;
    author_id: number;
    body: string;
    created_at: string;
    updated_at: string;
  };
}

/** The comments of each article, kept until the comment or its article is deleted. */
export const commentsProjection = defineProjection<CommentsTables>({
  name: 'comments',
  types: ['CommentAdded', 'CommentDeleted', 'ArticleDeleted'],
  tables: ['comments'],

  async createTables(db: Kysely<unknown>) {
    await db.schema
      .createTable('comments')
      .addColumn('comment_id', 'integer', (c) => c.primaryKey())
      .addColumn('article_id', 'integer', (c) => c.notNull())
      .addColumn('author_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('comments_article_idx')
      .on('comments')
      .columns(['article_id', 'comment_id'])
      .execute();
  },

  async apply(event, tx) {
    switch (event.type) {
      case 'CommentAdded': {
        const { commentId, articleId, authorId, body, createdAt } = event.payload;
        await tx
          .insertInto('comments')
          .values({
            comment_id: commentId,
            article_id: articleId,
            author_id: authorId,
            body,
            // Conduit comments cannot be edited: updatedAt is always the creation time.
            created_at: createdAt,
            updated_at: createdAt,
          })
          .execute();
        return;
      }
      case 'CommentDeleted':
        await tx.deleteFrom('comments').where('comment_id', '=', event.payload.commentId).execute();
        return;
      case 'ArticleDeleted':
        // The comments service drops them on this same event, without a CommentDeleted for each.
        await tx.deleteFrom('comments').where('article_id', '=', event.payload.articleId).execute();
        return;
    }
  },
});
