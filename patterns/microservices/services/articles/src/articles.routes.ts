import type { ConduitServer } from '@journey/conduit-http';
import { parsePage, ValidationFailed } from '@journey/conduit-rules';
import { idsParam, requireViewer, viewerOf } from '@journey/microservices-service-kit';
import { articlesApi as api } from './api.js';
import type { Articles } from './articles.service.js';

export function articlesRoutes(app: ConduitServer, articles: Articles) {
  app.get(
    api.list.path,
    { schema: { querystring: api.list.query, response: { 200: api.list.response } } },
    async (req) => {
      const { tag, authorIds, favoritedBy, ...page } = req.query;
      return articles.list(
        viewerOf(req),
        {
          ...(tag !== undefined && { tag }),
          ...(authorIds !== undefined && { authorIds: idsParam(authorIds, 'authorIds') }),
          ...(favoritedBy !== undefined && { favoritedBy: singleId(favoritedBy) }),
        },
        parsePage(page),
      );
    },
  );

  app.post(
    api.create.path,
    { schema: { body: api.create.body, response: { 201: api.create.response } } },
    async (req, reply) =>
      reply.code(201).send({ article: await articles.create(requireViewer(req), req.body.article) }),
  );

  app.get(
    api.one.path,
    { schema: { params: api.one.params, response: { 200: api.one.response } } },
    async (req) => ({ article: await articles.get(viewerOf(req), req.params.slug) }),
  );

  app.put(
    api.one.path,
    { schema: { params: api.one.params, body: api.one.body, response: { 200: api.one.response } } },
    async (req) => ({
      article: await articles.update(requireViewer(req), req.params.slug, req.body.article),
    }),
  );

  app.delete(api.one.path, { schema: { params: api.one.params } }, async (req, reply) => {
    await articles.remove(requireViewer(req), req.params.slug);
    return reply.code(204).send();
  });

  app.put(
    api.favorite.path,
    { schema: { params: api.favorite.params, response: { 200: api.favorite.response } } },
    async (req) => ({ article: await articles.favorite(requireViewer(req), req.params.slug) }),
  );

  app.delete(
    api.favorite.path,
    { schema: { params: api.favorite.params, response: { 200: api.favorite.response } } },
    async (req) => ({ article: await articles.unfavorite(requireViewer(req), req.params.slug) }),
  );

  app.get(api.tags.path, { schema: { response: { 200: api.tags.response } } }, async () => ({
    tags: await articles.tags(),
  }));
}

function singleId(raw: string): number {
  const [id, ...more] = idsParam(raw, 'favoritedBy');
  if (id === undefined || more.length > 0) throw new ValidationFailed({ favoritedBy: ['must be one id'] });
  return id;
}
