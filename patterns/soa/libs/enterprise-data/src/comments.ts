import type { Comment, Id } from '@journey/soa-contracts';
import { authorOf, type EnterpriseDb, peopleByIds, profileOf } from './people.js';

/** What a write needs to know about a comment: whose it is. */
export interface CommentRecord {
  id: Id;
  articleId: Id;
  authorId: Id;
}

/** Only a comment on that article: a comment id under another article's slug names nothing. */
export async function commentRecord(
  db: EnterpriseDb,
  articleId: Id,
  commentId: Id,
): Promise<CommentRecord | undefined> {
  return db
    .selectFrom('comments')
    .select(['id', 'article_id as articleId', 'author_id as authorId'])
    .where('id', '=', commentId)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
}

/**
 * Canonical comments, oldest first: one query for the comments and one for their authors. As for
 * articles, `author.following` is false: the bus composes it (README.md).
 */
async function canonicalComments(
  db: EnterpriseDb,
  where: { articleId: Id } | { id: Id },
): Promise<Comment[]> {
  let query = db.selectFrom('comments').selectAll();
  query = 'id' in where ? query.where('id', '=', where.id) : query.where('article_id', '=', where.articleId);
  const rows = await query.orderBy('id', 'asc').execute();
  const authors = await peopleByIds(
    db,
    rows.map((row) => row.author_id),
  );
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    body: row.body,
    author: profileOf(authorOf(authors, row.author_id, `comment ${row.id}`), false),
  }));
}

export const commentsOfArticle = (db: EnterpriseDb, articleId: Id) => canonicalComments(db, { articleId });

export async function commentById(db: EnterpriseDb, id: Id): Promise<Comment | undefined> {
  const [comment] = await canonicalComments(db, { id });
  return comment;
}
