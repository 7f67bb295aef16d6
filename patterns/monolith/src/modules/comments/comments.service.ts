import { Rules } from '@journey/conduit-rules';
import type { CommentsTable, CommentsTables } from '@journey/conduit-sql/comments';
import type { Comment, NewComment } from '@journey/contract';
import type { Kysely, Selectable } from 'kysely';
import { now } from '../../shared/clock.js';
import { Forbidden, NotFound } from '../../shared/errors.js';
import type { ArticlesApi } from '../articles/index.js';
import type { ProfilesApi } from '../profiles/index.js';

type CommentRow = Selectable<CommentsTable>;

export function createCommentsService(
  db: Kysely<CommentsTables>,
  articles: ArticlesApi,
  profiles: ProfilesApi,
) {
  async function present(viewerId: number | null, rows: CommentRow[]): Promise<Comment[]> {
    const authors = await profiles.profilesByIds(
      viewerId,
      rows.map((r) => r.author_id),
    );
    return rows.map((row) => {
      const author = authors.get(row.author_id);
      if (!author)
        throw new Error(`comment ${row.id} has an author (${row.author_id}) the users module does not know`);
      return { id: row.id, createdAt: row.created_at, updatedAt: row.updated_at, body: row.body, author };
    });
  }

  return {
    async list(viewerId: number | null, slug: string): Promise<Comment[]> {
      const articleId = await articles.idOf(slug);
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id', 'asc')
        .execute();
      return present(viewerId, rows);
    },

    async add(authorId: number, slug: string, input: NewComment): Promise<Comment> {
      new Rules().required('body', input.body).check();
      const articleId = await articles.idOf(slug);
      const at = now();
      const row = await db
        .insertInto('comments')
        .values({
          article_id: articleId,
          author_id: authorId,
          body: input.body,
          created_at: at,
          updated_at: at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const [comment] = await present(authorId, [row]);
      return comment!;
    },

    async remove(viewerId: number, slug: string, rawId: string): Promise<void> {
      const articleId = await articles.idOf(slug);
      const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : undefined;
      const row =
        id === undefined
          ? undefined
          : await db
              .selectFrom('comments')
              .select(['id', 'author_id'])
              .where('id', '=', id)
              .where('article_id', '=', articleId)
              .executeTakeFirst();
      if (!row) throw new NotFound('comment');
      if (row.author_id !== viewerId) throw new Forbidden('only the author may delete this comment');
      await db.deleteFrom('comments').where('id', '=', row.id).execute();
    },

    async removeAllOf(tx: Kysely<CommentsTables>, articleId: number): Promise<void> {
      await tx.deleteFrom('comments').where('article_id', '=', articleId).execute();
    },
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
