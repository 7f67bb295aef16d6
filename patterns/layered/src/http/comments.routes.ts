import { routes } from '@journey/contract';
import type { Application } from '../application/index.js';
import type { Authentication } from './authentication.js';
import { presentComment } from './presenters.js';
import type { Server } from './server.js';

export function commentsRoutes(server: Server, { comments }: Application, auth: Authentication) {
  const { GetArticleComments: list, CreateArticleComment: add, DeleteArticleComment: remove } = routes;

  server.get(
    list.path,
    { schema: { params: list.params, response: { 200: list.response } }, preHandler: auth.optional },
    async (req) => ({ comments: (await comments.list(req.viewerId, req.params.slug)).map(presentComment) }),
  );

  server.post(
    add.path,
    {
      schema: { params: add.params, body: add.body, response: { 200: add.response } },
      preHandler: auth.required,
    },
    async (req) => ({
      comment: presentComment(await comments.add(req.viewerId!, req.params.slug, req.body.comment)),
    }),
  );

  server.delete(
    remove.path,
    { schema: { params: remove.params }, preHandler: auth.required },
    async (req, reply) => {
      await comments.remove(req.viewerId!, req.params.slug, req.params.id);
      return reply.code(204).send();
    },
  );
}
