import type { Comment } from '@journey/contract';
import type { Kysely } from 'kysely';
import type { ViewsDatabaseTables } from '../views.tables.js';
import { type AuthorRow, authorColumns, followedByViewer, toProfile } from './author-profile.js';

interface CommentRow extends AuthorRow {
  comment_id: number;
  body: string;
  created_at: string;
  updated_at: string;
}

const toComment = (row: CommentRow): Comment => ({
  id: row.comment_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  body: row.body,
  author: toProfile(row),
});

/** Comments from the `comments` projection, each with its author from `profiles`. */
export function createCommentQueries(db: Kysely<ViewsDatabaseTables>) {
  const withAuthor = (viewerId: number | null) =>
    db
      .selectFrom('comments as c')
      .innerJoin('users as u', 'u.user_id', 'c.author_id')
      .select(['c.comment_id', 'c.body', 'c.created_at', 'c.updated_at', ...authorColumns])
      .select((eb) => followedByViewer(eb, viewerId));

  return {
    /** Oldest first, like every pattern: a conversation reads top-down. */
    async ofArticle(viewerId: number | null, articleId: number): Promise<Comment[]> {
      const rows = await withAuthor(viewerId)
        .where('c.article_id', '=', articleId)
        .orderBy('c.comment_id')
        .execute();
      return rows.map(toComment);
    },

    async byId(viewerId: number | null, commentId: number): Promise<Comment | undefined> {
      const row = await withAuthor(viewerId).where('c.comment_id', '=', commentId).executeTakeFirst();
      return row && toComment(row);
    },
  };
}

export type CommentQueries = ReturnType<typeof createCommentQueries>;
