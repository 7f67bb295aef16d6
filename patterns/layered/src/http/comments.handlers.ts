import type { ConduitHandlers } from '@journey/conduit-http';
import type { Application } from '../application/index.js';
import { presentComment } from './presenters.js';

export const commentsHandlers = ({ comments }: Application) =>
  ({
    GetArticleComments: async ({ viewerId, params }) => ({
      comments: (await comments.list(viewerId, params.slug)).map(presentComment),
    }),
    CreateArticleComment: async ({ viewerId, params, body }) => ({
      comment: presentComment(await comments.add(viewerId, params.slug, body.comment)),
    }),
    DeleteArticleComment: ({ viewerId, params }) => comments.remove(viewerId, params.slug, params.id),
  }) satisfies Partial<ConduitHandlers>;
