import { routes } from '@journey/contract';
import type { Conduit } from '../../../application/ports/driving/use-cases.port.js';
import type { Authentication } from '../authentication.js';
import type { App } from '../server.js';

export function commentsRoutes(app: App, conduit: Conduit, auth: Authentication) {
  const { GetArticleComments: list, CreateArticleComment: add, DeleteArticleComment: remove } = routes;

  app.get(
    list.path,
    { schema: { params: list.params, response: { 200: list.response } }, preHandler: auth.optional },
    async (req) => ({ comments: await conduit.listComments(req.viewerId, req.params.slug) }),
  );

  app.post(
    add.path,
    {
      schema: { params: add.params, body: add.body, response: { 200: add.response } },
      preHandler: auth.required,
    },
    async (req) => ({
      comment: await conduit.addComment(req.viewerId!, req.params.slug, req.body.comment.body),
    }),
  );

  app.delete(
    remove.path,
    { schema: { params: remove.params }, preHandler: auth.required },
    async (req, reply) => {
      await conduit.deleteComment(req.viewerId!, req.params.slug, req.params.id);
      return reply.code(204).send();
    },
  );
}
