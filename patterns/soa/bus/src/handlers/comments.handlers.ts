import type { ConduitHandlers } from '@journey/conduit-http';
import { NotFound } from '@journey/conduit-rules';
import type { EnterpriseServices } from '../calls/enterprise-services.js';
import { completeFollowing } from '../orchestration/complete-following.js';
import { addCommentRequest, commentIdOf, toComment } from '../transformation/comments.transform.js';

/** Comments are publishing's; their authors' `following` is completed like an article's. */
export function commentsHandlers({
  identity,
  publishing,
}: EnterpriseServices): ConduitHandlers<
  'GetArticleComments' | 'CreateArticleComment' | 'DeleteArticleComment'
> {
  return {
    GetArticleComments: async ({ viewerId, params }) => {
      const { comment } = await publishing.call('ListComments', { slug: params.slug }, viewerId);
      return { comments: (await completeFollowing(identity, viewerId, comment)).map(toComment) };
    },
    CreateArticleComment: async ({ viewerId, params, body }) => ({
      comment: toComment(
        (await publishing.call('AddComment', addCommentRequest(params.slug, body.comment), viewerId)).comment,
      ),
    }),
    DeleteArticleComment: async ({ viewerId, params }) => {
      const commentId = commentIdOf(params.id);
      if (commentId === undefined) throw new NotFound('comment');
      await publishing.call('DeleteComment', { slug: params.slug, commentId }, viewerId);
    },
  };
}
