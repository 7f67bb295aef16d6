import type { ConduitServer } from '@journey/conduit-http';
import { NotFound, parsePage } from '@journey/conduit-rules';
import { requireViewer, viewerOf } from '@journey/event-driven-service-kit';
import { viewsApi as api } from '../api.js';
import type { ArticleQueries } from '../queries/articles.queries.js';

export function articlesRoutes(app: ConduitServer, articles: ArticleQueries) {
  app.get(
    api.articles.path,
    { schema: { querystring: api.articles.query, response: { 200: api.articles.response } } },
    async (req) => {
      const { tag, author, favorited, ...page } = req.query;
      return articles.page(viewerOf(req), { tag, author, favorited }, parsePage(page));
    },
  );

  app.get(
    api.feed.path,
    { schema: { querystring: api.feed.query, response: { 200: api.feed.response } } },
    async (req) => articles.feed(requireViewer(req), parsePage(req.query)),
  );

  app.get(
    api.article.path,
    { schema: { params: api.article.params, response: { 200: api.article.response } } },
    async (req) => {
      const article = await articles.bySlug(viewerOf(req), req.params.slug);
      if (!article) throw new NotFound('article');
      return { article };
    },
  );

  app.get(api.tags.path, { schema: { response: { 200: api.tags.response } } }, async () => ({
    tags: await articles.tags(),
  }));
}
