import { routes } from '@journey/contract';
import type { Conduit } from '../../../application/ports/driving/use-cases.port.js';
import type { Authentication } from '../authentication.js';
import type { App } from '../server.js';

export function articlesRoutes(app: App, conduit: Conduit, auth: Authentication) {
  const r = routes;

  app.get(
    r.GetArticlesFeed.path,
    {
      schema: { querystring: r.GetArticlesFeed.querystring, response: { 200: r.GetArticlesFeed.response } },
      preHandler: auth.required,
    },
    async (req) => conduit.listFeed(req.viewerId!, req.query),
  );

  app.get(
    r.GetArticles.path,
    {
      schema: { querystring: r.GetArticles.querystring, response: { 200: r.GetArticles.response } },
      preHandler: auth.optional,
    },
    async (req) => conduit.listArticles(req.viewerId, req.query),
  );

  app.post(
    r.CreateArticle.path,
    {
      schema: { body: r.CreateArticle.body, response: { 201: r.CreateArticle.response } },
      preHandler: auth.required,
    },
    async (req, reply) =>
      reply.code(201).send({ article: await conduit.publishArticle(req.viewerId!, req.body.article) }),
  );

  app.get(
    r.GetArticle.path,
    {
      schema: { params: r.GetArticle.params, response: { 200: r.GetArticle.response } },
      preHandler: auth.optional,
    },
    async (req) => ({ article: await conduit.getArticle(req.viewerId, req.params.slug) }),
  );

  app.put(
    r.UpdateArticle.path,
    {
      schema: {
        params: r.UpdateArticle.params,
        body: r.UpdateArticle.body,
        response: { 200: r.UpdateArticle.response },
      },
      preHandler: auth.required,
    },
    async (req) => ({ article: await conduit.editArticle(req.viewerId!, req.params.slug, req.body.article) }),
  );

  app.delete(
    r.DeleteArticle.path,
    { schema: { params: r.DeleteArticle.params }, preHandler: auth.required },
    async (req, reply) => {
      await conduit.deleteArticle(req.viewerId!, req.params.slug);
      return reply.code(204).send();
    },
  );

  app.post(
    r.CreateArticleFavorite.path,
    {
      schema: { params: r.CreateArticleFavorite.params, response: { 200: r.CreateArticleFavorite.response } },
      preHandler: auth.required,
    },
    async (req) => ({ article: await conduit.favoriteArticle(req.viewerId!, req.params.slug) }),
  );

  app.delete(
    r.DeleteArticleFavorite.path,
    {
      schema: { params: r.DeleteArticleFavorite.params, response: { 200: r.DeleteArticleFavorite.response } },
      preHandler: auth.required,
    },
    async (req) => ({ article: await conduit.unfavoriteArticle(req.viewerId!, req.params.slug) }),
  );

  app.get(r.GetTags.path, { schema: { response: { 200: r.GetTags.response } } }, async () => ({
    tags: await conduit.listTags(),
  }));
}
