import type { ConduitServer } from '@journey/conduit-http';
import { announce, requireViewer } from '@journey/event-driven-service-kit';
import { articlesApi as api } from './api.js';
import type { Articles } from './articles.service.js';

export function articlesRoutes(app: ConduitServer, articles: Articles) {
  app.post(
    api.create.path,
    { schema: { body: api.create.body, response: { 201: api.create.response } } },
    async (req, reply) => {
      const { article, events } = await articles.create(requireViewer(req), req.body.article);
      return announce(reply, events).code(201).send({ article });
    },
  );

  app.put(
    api.one.path,
    { schema: { params: api.one.params, body: api.one.body, response: { 200: api.one.response } } },
    async (req, reply) => {
      const { article, events } = await articles.update(
        requireViewer(req),
        req.params.slug,
        req.body.article,
      );
      return announce(reply, events).send({ article });
    },
  );

  app.delete(api.one.path, { schema: { params: api.one.params } }, async (req, reply) => {
    const events = await articles.remove(requireViewer(req), req.params.slug);
    return announce(reply, events).code(204).send();
  });

  app.post(
    api.favorite.path,
    { schema: { params: api.favorite.params, response: { 200: api.favorite.response } } },
    async (req, reply) => {
      const { article, events } = await articles.favorite(requireViewer(req), req.params.slug);
      return announce(reply, events).send({ article });
    },
  );

  app.delete(
    api.favorite.path,
    { schema: { params: api.favorite.params, response: { 200: api.favorite.response } } },
    async (req, reply) => {
      const { article, events } = await articles.unfavorite(requireViewer(req), req.params.slug);
      return announce(reply, events).send({ article });
    },
  );
}
