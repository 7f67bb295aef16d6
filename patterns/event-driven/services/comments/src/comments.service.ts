import { Forbidden, NotFound, Rules } from '@journey/conduit-rules';
import type { NewComment } from '@journey/contract';
import { createEvent, type DomainEvent } from '@journey/event-driven-events';
import { type Commit, type Dialect, now } from '@journey/event-driven-service-kit';
import type { WrittenComment } from './api.js';
import type { CommentsServiceTables, CommentsTransaction } from './comments.migrations.js';

/** A command's answer: the comment as it committed, and the events it committed. */
export interface Answer {
  comment: WrittenComment;
  events: DomainEvent[];
}

const COMMENT_ID = /^[1-9]\d{0,14}$/;

export function createComments(dialect: Dialect, commit: Commit<CommentsServiceTables>) {
  /**
   * The article a slug names, as far as this service has heard. On PostgreSQL the replica row is
   * held in share mode until the command commits, so an ArticleDeleted being applied meanwhile
   * waits and then removes the new comment too (SQLite runs one writer at a time anyway).
   */
  async function knownArticle(tx: CommentsTransaction, slug: string): Promise<{ id: number }> {
    const row = await tx
      .selectFrom('articles')
      .select('id')
      .where('slug', '=', slug)
      // While a slug changes hands, the newest article is the one that holds it.
      .orderBy('id', 'desc')
      .limit(1)
      .$if(dialect === 'postgres', (query) => query.forShare())
      .executeTakeFirst();
    if (!row) throw new NotFound('article');
    return row;
  }

  return {
    async add(authorId: number, slug: string, input: NewComment): Promise<Answer> {
      new Rules().required('body', input.body).check();
      const { result, events } = await commit(async (tx, emit) => {
        const article = await knownArticle(tx, slug);
        const at = now();
        const row = await tx
          .insertInto('comments')
          .values({
            article_id: article.id,
            author_id: authorId,
            body: input.body,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        emit(
          createEvent('CommentAdded', {
            commentId: row.id,
            articleId: article.id,
            authorId,
            body: input.body,
            createdAt: at,
          }),
        );
        return row;
      });
      const { id, body, created_at, updated_at } = result;
      return { comment: { id, body, createdAt: created_at, updatedAt: updated_at, authorId }, events };
    },

    async remove(viewerId: number, slug: string, rawId: string): Promise<DomainEvent[]> {
      const { events } = await commit(async (tx, emit) => {
        const article = await knownArticle(tx, slug);
        const id = COMMENT_ID.test(rawId) ? Number(rawId) : undefined;
        const comment =
          id === undefined
            ? undefined
            : await tx
                .selectFrom('comments')
                .select(['id', 'author_id'])
                .where('id', '=', id)
                .where('article_id', '=', article.id)
                .executeTakeFirst();
        if (!comment) throw new NotFound('comment');
        if (comment.author_id !== viewerId) throw new Forbidden('only the author may delete this comment');
        const deleted = await tx.deleteFrom('comments').where('id', '=', comment.id).executeTakeFirst();
        // A second delete racing this one found the row too; only the one that removed it announces it.
        if (deleted.numDeletedRows !== 1n) throw new NotFound('comment');
        emit(createEvent('CommentDeleted', { commentId: comment.id, articleId: article.id }));
      });
      return events;
    },
  };
}

export type Comments = ReturnType<typeof createComments>;
