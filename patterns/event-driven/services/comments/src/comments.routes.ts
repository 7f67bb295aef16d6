import type { ConduitServer } from '@journey/conduit-http';
import { announce, requireViewer } from '@journey/event-driven-service-kit';
import { commentsApi as api } from './api.js';
import type { Comments } from './comments.service.js';

export function commentsRoutes(app: ConduitServer, comments: Comments) {
  const { ofArticle, one } = api;

  app.post(
    ofArticle.path,
    { schema: { params: ofArticle.params, body: ofArticle.body, response: { 201: ofArticle.response } } },
    async (req, reply) => {
      const { comment, events } = await comments.add(requireViewer(req), req.params.slug, req.body.comment);
      return announce(reply, events).code(201).send({ comment });
    },
  );

  app.delete(one.path, { schema: { params: one.params } }, async (req, reply) => {
    const events = await comments.remove(requireViewer(req), req.params.slug, req.params.id);
    return announce(reply, events).code(204).send();
  });
}
