import { NewCommentRequest } from '@journey/contract';
import { type Static, Type } from '@sinclair/typebox';

/** The comments service's published API; the gateway imports these schemas and nothing else from here. */
export const CommentRecord = Type.Object({
  id: Type.Integer(),
  body: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** identity's id of the author; the caller turns it into a profile. */
  authorId: Type.Integer(),
});
// Path parameters arrive as text and the server does not coerce types.
const ArticleId = Type.String({ pattern: '^[0-9]{1,15}$' });
const ArticleParams = Type.Object({ articleId: ArticleId });

export const commentsApi = {
  /** GET: oldest first; POST by the forwarded viewer: 201; DELETE: every comment of the article (204). */
  ofArticle: {
    path: '/articles/:articleId/comments',
    params: ArticleParams,
    body: NewCommentRequest,
    list: Type.Object({ comments: Type.Array(CommentRecord) }),
    created: Type.Object({ comment: CommentRecord }),
  },
  /** DELETE by its author only: 204, 403 for anyone else, 404 when it is not on that article. */
  one: {
    path: '/articles/:articleId/comments/:commentId',
    params: Type.Object({ articleId: ArticleId, commentId: Type.String({ maxLength: 40 }) }),
  },
} as const;

export type CommentRecord = Static<typeof CommentRecord>;
