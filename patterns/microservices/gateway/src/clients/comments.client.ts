import type { NewComment } from '@journey/contract';
import type { CommentRecord } from '@journey/microservices-comments/api';
import type { Downstream } from '@journey/microservices-service-client';

export function commentsClient(comments: Downstream) {
  return {
    async list(articleId: number): Promise<CommentRecord[]> {
      const route = '/articles/:articleId/comments';
      return (
        await comments.call<{ comments: CommentRecord[] }>({ method: 'GET', route, params: { articleId } })
      ).comments;
    },
    async add(viewerId: number, articleId: number, comment: NewComment): Promise<CommentRecord> {
      const reply = await comments.call<{ comment: CommentRecord }>({
        method: 'POST',
        route: '/articles/:articleId/comments',
        params: { articleId },
        viewerId,
        json: { comment },
      });
      return reply.comment;
    },
    remove: (viewerId: number, articleId: number, commentId: string) =>
      comments.call<void>({
        method: 'DELETE',
        route: '/articles/:articleId/comments/:commentId',
        params: { articleId, commentId },
        viewerId,
      }),
  };
}

export type CommentsClient = ReturnType<typeof commentsClient>;
