import { NewCommentRequest } from '@journey/contract';
import { type Static, Type } from '@sinclair/typebox';

/**
 * The comments service's published API: the gateway imports these schemas and nothing else from
 * this package. Commands carry `x-journey-events` naming the events they committed.
 */
/** A comment as it committed; the gateway answers with it while views has not caught up (ADR 0009). */
export const WrittenComment = Type.Object({
  id: Type.Integer(),
  body: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** An identity id: the author's profile is not this service's to know. */
  authorId: Type.Integer(),
});
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
    response: Type.Object({ comment: WrittenComment }),
  },
  /** DELETE by the comment's author: 204 and CommentDeleted; 403 for anyone else, 404 unknown article or comment. */
  one: {
    path: '/articles/:slug/comments/:id',
    params: Type.Object({ slug: Type.String(), id: Type.String() }),
  },
} as const;

export type WrittenComment = Static<typeof WrittenComment>;
