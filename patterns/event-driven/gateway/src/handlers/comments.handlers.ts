import type { ConduitHandlers } from '@journey/conduit-http';
import { commentsApi, type WrittenComment } from '@journey/event-driven-comments/api';
import { viewsApi } from '@journey/event-driven-views/api';
import type { Static } from '@sinclair/typebox';
import type { Command } from '../command.js';
import { readBack } from '../read-back.js';
import type { Services } from '../services.js';
import type { WrittenAnswers } from '../written-answers.js';

/**
 * Comments owns comments and knows articles from its replica (the 404 for an unknown slug is its
 * own); views holds them with their authors' profiles, so reads and the answer to a new comment come
 * from there, or from the comment as comments committed it while views cannot show it (readBack).
 */
export function commentsHandlers(
  { comments, views }: Services,
  command: Command,
  written: WrittenAnswers,
): ConduitHandlers<'GetArticleComments' | 'CreateArticleComment' | 'DeleteArticleComment'> {
  return {
    GetArticleComments: async ({ viewerId, params }) =>
      (
        await views.send<Static<typeof viewsApi.comments.response>>({
          method: 'GET',
          route: viewsApi.comments.path,
          params: { slug: params.slug },
          viewerId,
        })
      ).body,
    CreateArticleComment: async ({ viewerId, params, body }) => {
      const added = await command<{ comment: WrittenComment }>(comments, {
        method: 'POST',
        route: commentsApi.ofArticle.path,
        params: { slug: params.slug },
        viewerId,
        json: { comment: { body: body.comment.body } },
      });
      return readBack(
        added,
        async () =>
          (
            await views.send<Static<typeof viewsApi.comment.response>>({
              method: 'GET',
              route: viewsApi.comment.path,
              params: { id: added.written.comment.id },
              viewerId,
            })
          ).body,
        () => written.comment(viewerId, added.written.comment),
      );
    },
    DeleteArticleComment: async ({ viewerId, params }) => {
      await command<void>(comments, {
        method: 'DELETE',
        route: commentsApi.one.path,
        params: { slug: params.slug, id: params.id },
        viewerId,
      });
    },
  };
}
