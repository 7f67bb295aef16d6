import type { ConduitDatabase as Database } from '@journey/conduit-sql/schema';
import type { Kysely, Selectable } from 'kysely';
import type { Comment } from '../domain/comment.js';

export interface CommentRepository {
  insert(comment: { articleId: number; authorId: number; body: string }, at: string): Promise<Comment>;
  /** Oldest first. */
  ofArticle(articleId: number): Promise<Comment[]>;
  /** Only a comment on that article: a comment id under another article's slug is not found. */
  byId(articleId: number, id: number): Promise<Comment | undefined>;
  delete(id: number): Promise<void>;
}

const toComment = (row: Selectable<Database['comments']>): Comment => ({
  id: row.id,
  articleId: row.article_id,
  authorId: row.author_id,
  body: row.body,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function commentRepository(db: Kysely<Database>): CommentRepository {
  return {
    async insert(comment, at) {
      const row = await db
        .insertInto('comments')
        .values({
          article_id: comment.articleId,
          author_id: comment.authorId,
          body: comment.body,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toComment(row);
    },
    async ofArticle(articleId) {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toComment);
    },
    async byId(articleId, id) {
      const row = await db
        .selectFrom('comments')
        .selectAll()
        .where('id', '=', id)
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      return row ? toComment(row) : undefined;
    },
    async delete(id) {
      await db.deleteFrom('comments').where('id', '=', id).execute();
    },
  };
}
