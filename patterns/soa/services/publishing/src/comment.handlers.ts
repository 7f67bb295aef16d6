import { Forbidden, NotFound, Rules } from '@journey/conduit-rules';
import type { Id, PublishingV1 } from '@journey/soa-contracts';
import { articleRecord, commentById, commentRecord, commentsOfArticle } from '@journey/soa-enterprise-data';
import { type EnterpriseData, requireViewer } from '@journey/soa-service-host';
import { lockArticle } from './article-lock.js';
import { type Handler, now } from './handler.js';

/** Comments on articles: PublishingService answers them, with their authors, like articles. */
export function commentHandlers(data: EnterpriseData) {
  async function articleIdOf(slug: string): Promise<Id> {
    const article = await articleRecord(data.db, slug);
    if (!article) throw new NotFound('article');
    return article.id;
  }

  const AddComment: Handler<PublishingV1['AddComment']> = async ({ slug, body }, context) => {
    const authorId = requireViewer(context);
    new Rules().required('body', body).check();
    const articleId = await articleIdOf(slug);
    const id = await data.transaction(async (tx) => {
      if (!(await lockArticle(tx, articleId))) throw new NotFound('article');
      const at = now();
      const row = await tx
        .insertInto('comments')
        .values({ article_id: articleId, author_id: authorId, body, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const comment = await commentById(data.db, id);
    if (!comment) throw new NotFound('comment');
    return { comment };
  };

  const ListComments: Handler<PublishingV1['ListComments']> = async ({ slug }) => ({
    comment: await commentsOfArticle(data.db, await articleIdOf(slug)),
  });

  const DeleteComment: Handler<PublishingV1['DeleteComment']> = async ({ slug, commentId }, context) => {
    const viewerId = requireViewer(context);
    const comment = await commentRecord(data.db, await articleIdOf(slug), commentId);
    if (!comment) throw new NotFound('comment');
    if (comment.authorId !== viewerId) throw new Forbidden('only the author may delete this comment');
    await data.transaction((tx) => tx.deleteFrom('comments').where('id', '=', comment.id).execute());
    return {};
  };

  return { AddComment, ListComments, DeleteComment };
}
