import { parsePage } from '@journey/conduit-rules';
import { routes } from '@journey/contract';
import type { Application } from '../application/index.js';
import type { Authentication } from './authentication.js';
import { presentArticle, presentPage } from './presenters.js';
import type { Server } from './server.js';

export function articlesRoutes(server: Server, { articles }: Application, auth: Authentication) {
  const r = routes;

  // Request mapping: query strings become a page (422 for `limit=abc`) before any use case runs.
  server.get(
    r.GetArticlesFeed.path,
    {
      schema: { querystring: r.GetArticlesFeed.querystring, response: { 200: r.GetArticlesFeed.response } },
      preHandler: auth.required,
    },
    async (req) => presentPage(await articles.feed(req.viewerId!, parsePage(req.query))),
  );

  server.get(
    r.GetArticles.path,
    {
      schema: { querystring: r.GetArticles.querystring, response: { 200: r.GetArticles.response } },
      preHandler: auth.optional,
    },
    async (req) => {
      const { tag, author, favorited } = req.query;
      const filter = {
        ...(tag !== undefined && { tag }),
        ...(author !== undefined && { author }),
        ...(favorited !== undefined && { favorited }),
      };
      return presentPage(await articles.list(req.viewerId, filter, parsePage(req.query)));
    },
  );

  server.post(
    r.CreateArticle.path,
    {
      schema: { body: r.CreateArticle.body, response: { 201: r.CreateArticle.response } },
      preHandler: auth.required,
    },
    async (req, reply) =>
      reply
        .code(201)
        .send({ article: presentArticle(await articles.create(req.viewerId!, req.body.article)) }),
  );

  server.get(
    r.GetArticle.path,
    {
      schema: { params: r.GetArticle.params, response: { 200: r.GetArticle.response } },
      preHandler: auth.optional,
    },
    async (req) => ({ article: presentArticle(await articles.get(req.viewerId, req.params.slug)) }),
  );

  server.put(
    r.UpdateArticle.path,
    {
      schema: {
        params: r.UpdateArticle.params,
        body: r.UpdateArticle.body,
        response: { 200: r.UpdateArticle.response },
      },
      preHandler: auth.required,
    },
    async (req) => ({
      article: presentArticle(await articles.update(req.viewerId!, req.params.slug, req.body.article)),
    }),
  );

  server.delete(
    r.DeleteArticle.path,
    { schema: { params: r.DeleteArticle.params }, preHandler: auth.required },
    async (req, reply) => {
      await articles.remove(req.viewerId!, req.params.slug);
      return reply.code(204).send();
    },
  );

  server.post(
    r.CreateArticleFavorite.path,
    {
      schema: { params: r.CreateArticleFavorite.params, response: { 200: r.CreateArticleFavorite.response } },
      preHandler: auth.required,
    },
    async (req) => ({ article: presentArticle(await articles.favorite(req.viewerId!, req.params.slug)) }),
  );

  server.delete(
    r.DeleteArticleFavorite.path,
    {
      schema: { params: r.DeleteArticleFavorite.params, response: { 200: r.DeleteArticleFavorite.response } },
      preHandler: auth.required,
    },
    async (req) => ({ article: presentArticle(await articles.unfavorite(req.viewerId!, req.params.slug)) }),
  );

  server.get(r.GetTags.path, { schema: { response: { 200: r.GetTags.response } } }, async () => ({
    tags: await articles.tags(),
  }));
}
