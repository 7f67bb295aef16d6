import { routes } from '@journey/contract';
import type { Authenticated } from '../../http/authentication.js';
import type { App } from '../../http/server.js';
import type { CommentsService } from './comments.service.js';

export function commentsRoutes(app: App, comments: CommentsService, auth: Authenticated) {
  const { GetArticleComments: list, CreateArticleComment: add, DeleteArticleComment: remove } = routes;

  app.get(
    list.path,
    { schema: { params: list.params, response: { 200: list.response } }, preHandler: auth.optional },
    async (req) => ({
      comments: await comments.list(req.viewerId, req.params.slug),
    }),
  );

  app.post(
    add.path,
    {
      schema: { params: add.params, body: add.body, response: { 200: add.response } },
      preHandler: auth.required,
    },
    async (req) => ({ comment: await comments.add(req.viewerId!, req.params.slug, req.body.comment) }),
  );

  app.delete(
    remove.path,
    { schema: { params: remove.params }, preHandler: auth.required },
    async (req, reply) => {
      await comments.remove(req.viewerId!, req.params.slug, req.params.id);
      return reply.code(204).send();
    },
  );
}
