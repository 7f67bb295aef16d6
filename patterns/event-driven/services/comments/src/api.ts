import { NewCommentRequest } from '@journey/contract';
import { type Static, Type } from '@sinclair/typebox';

/**
 * The comments service's published API: the gateway imports these schemas and nothing else from
 * this package. Commands carry `x-journey-events` naming the events they committed.
 */
export const CommentRef = Type.Object({ id: Type.Integer() });
const SlugParams = Type.Object({ slug: Type.String() });

export const commentsApi = {
  /**
   * POST by the forwarded viewer: 201 and CommentAdded; 404 when the slug names no article this
   * service has heard of (its replica, fed by the articles service's events), 422 for a blank body.
   */
  ofArticle: {
    path: '/articles/:slug/comments',
    params: SlugParams,
    body: NewCommentRequest,
    response: Type.Object({ comment: CommentRef }),
  },
  /** DELETE by the comment's author: 204 and CommentDeleted; 403 for anyone else, 404 unknown article or comment. */
  one: {
    path: '/articles/:slug/comments/:id',
    params: Type.Object({ slug: Type.String(), id: Type.String() }),
  },
} as const;

export type CommentRef = Static<typeof CommentRef>;
