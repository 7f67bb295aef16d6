import type { ConduitServer } from '@journey/conduit-http';
import { requireViewer } from '@journey/microservices-service-kit';
import { commentsApi as api } from './api.js';
import type { Comments } from './comments.service.js';

export function commentsRoutes(app: ConduitServer, comments: Comments) {
  const { ofArticle, one } = api;

  app.get(
    ofArticle.path,
    { schema: { params: ofArticle.params, response: { 200: ofArticle.list } } },
    async (req) => ({ comments: await comments.list(Number(req.params.articleId)) }),
  );

  app.post(
    ofArticle.path,
    { schema: { params: ofArticle.params, body: ofArticle.body, response: { 201: ofArticle.created } } },
    async (req, reply) =>
      reply.code(201).send({
        comment: await comments.add(requireViewer(req), Number(req.params.articleId), req.body.comment),
      }),
  );

  app.delete(ofArticle.path, { schema: { params: ofArticle.params } }, async (req, reply) => {
    await comments.removeAllOf(Number(req.params.articleId));
    return reply.code(204).send();
  });

  app.delete(one.path, { schema: { params: one.params } }, async (req, reply) => {
    await comments.remove(requireViewer(req), Number(req.params.articleId), req.params.commentId);
    return reply.code(204).send();
  });
}
