import type { Downstream } from '@journey/microservices-service-client';

/** The one call this service makes to comments: forget every comment of a deleted article. */
export const commentsClient = (comments: Downstream) => ({
  removeAllOf: (articleId: number) =>
    comments.call<void>({ method: 'DELETE', route: '/articles/:articleId/comments', params: { articleId } }),
});

export type CommentsClient = ReturnType<typeof commentsClient>;
