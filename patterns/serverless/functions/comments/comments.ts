import { Forbidden, isWellFormedSlug, NotFound, Rules } from '@journey/conduit-rules';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Comment } from '@journey/contract';
import type { Kysely, Selectable } from 'kysely';
import type { FunctionDatabase } from '../../core/database.js';
import { now } from '../shared/now.js';
import { authorIn, profilesOf } from '../shared/profiles.js';

type CommentRow = Selectable<ConduitDatabase['comments']>;

// Ids are serial integers: anything else, or anything past a 32-bit integer column, names no comment.
const MAX_COMMENT_ID = 2_147_483_647;

async function articleIdOf(db: Kysely<ConduitDatabase>, slug: string): Promise<number> {
  const row = isWellFormedSlug(slug)
    ? await db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirst()
    : undefined;
  if (!row) throw new NotFound('article');
  return row.id;
}

async function shown(
  db: Kysely<ConduitDatabase>,
  viewerId: number | null,
  rows: readonly CommentRow[],
): Promise<Comment[]> {
  const authors = await profilesOf(
    db,
    viewerId,
    rows.map((row) => row.author_id),
  );
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    body: row.body,
    author: authorIn(authors, row.author_id, `comment ${row.id}`),
  }));
}

/** Oldest first. */
export async function commentsOn(
  db: Kysely<ConduitDatabase>,
  viewerId: number | null,
  slug: string,
): Promise<{ comments: Comment[] }> {
  const articleId = await articleIdOf(db, slug);
  const rows = await db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('id', 'asc')
    .execute();
  return { comments: await shown(db, viewerId, rows) };
}

export async function addComment(
  database: FunctionDatabase,
  authorId: number,
  slug: string,
  input: { body: string },
): Promise<{ comment: Comment }> {
  new Rules().required('body', input.body).check();
  const articleId = await articleIdOf(database.db, slug);
  const at = now();
  // A transaction for one insert, so a retried Idempotency-Key is claimed with the comment itself.
  const row = await database.transaction((tx) =>
    tx
      .insertInto('comments')
      .values({
        article_id: articleId,
        author_id: authorId,
        body: input.body,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const [comment] = await shown(database.db, authorId, [row]);
  return { comment: comment as Comment };
}

/** Only a comment on that article: a comment id under another article's slug is not found. */
export async function deleteComment(
  database: FunctionDatabase,
  viewerId: number,
  slug: string,
  rawId: string,
): Promise<void> {
  const articleId = await articleIdOf(database.db, slug);
  const id = /^\d{1,10}$/.test(rawId) ? Number(rawId) : 0;
  const row =
    id >= 1 && id <= MAX_COMMENT_ID
      ? await database.db
          .selectFrom('comments')
          .select(['id', 'author_id'])
          .where('id', '=', id)
          .where('article_id', '=', articleId)
          .executeTakeFirst()
      : undefined;
  if (!row) throw new NotFound('comment');
  if (row.author_id !== viewerId) throw new Forbidden('only the author may delete this comment');
  await database.transaction((tx) => tx.deleteFrom('comments').where('id', '=', row.id).execute());
}
