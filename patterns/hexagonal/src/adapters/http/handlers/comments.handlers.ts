import type { ConduitHandlers } from '@journey/conduit-http';
import type { Conduit } from '../../../application/ports/driving/use-cases.port.js';

export const commentsHandlers = (conduit: Conduit) =>
  ({
    GetArticleComments: async ({ viewerId, params }) => ({
      comments: await conduit.listComments(viewerId, params.slug),
    }),
    CreateArticleComment: async ({ viewerId, params, body }) => ({
      comment: await conduit.addComment(viewerId, params.slug, body.comment.body),
    }),
    DeleteArticleComment: ({ viewerId, params }) => conduit.deleteComment(viewerId, params.slug, params.id),
  }) satisfies Partial<ConduitHandlers>;
