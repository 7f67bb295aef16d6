import { Forbidden, NotFound, Rules } from '@journey/conduit-rules';
import type { NewComment } from '@journey/contract';
import { now } from '@journey/microservices-service-kit';
import type { Kysely, Selectable } from 'kysely';
import type { CommentRecord } from './api.js';
import type { CommentsTables } from './comments.migrations.js';

const toRecord = (row: Selectable<CommentsTables['comments']>): CommentRecord => ({
  id: row.id,
  body: row.body,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  authorId: row.author_id,
});

/** Comments by article id. Whether the article exists is the caller's question to articles. */
export function createComments(db: Kysely<CommentsTables>) {
  return {
    async list(articleId: number): Promise<CommentRecord[]> {
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', articleId)
        .orderBy('id', 'asc')
        .execute();
      return rows.map(toRecord);
    },

    async add(authorId: number, articleId: number, input: NewComment): Promise<CommentRecord> {
      new Rules().required('body', input.body).check();
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
      return toRecord(row);
    },

    async remove(viewerId: number, articleId: number, rawId: string): Promise<void> {
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

    async removeAllOf(articleId: number): Promise<void> {
      await db.deleteFrom('comments').where('article_id', '=', articleId).execute();
    },
  };
}

export type Comments = ReturnType<typeof createComments>;
