import type { ConduitHandlers } from '@journey/conduit-http';
import type { CommentsService } from './comments.service.js';

export const commentsHandlers = (comments: CommentsService) =>
  ({
    GetArticleComments: async ({ viewerId, params }) => ({
      comments: await comments.list(viewerId, params.slug),
    }),
    CreateArticleComment: async ({ viewerId, params, body }) => ({
      comment: await comments.add(viewerId, params.slug, body.comment),
    }),
    DeleteArticleComment: ({ viewerId, params }) => comments.remove(viewerId, params.slug, params.id),
  }) satisfies Partial<ConduitHandlers>;
