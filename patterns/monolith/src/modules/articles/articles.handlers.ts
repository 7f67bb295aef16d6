import type { ConduitHandlers } from '@journey/conduit-http';
import type { ArticlesService } from './articles.service.js';

export const articlesHandlers = (articles: ArticlesService) =>
  ({
    GetArticlesFeed: ({ viewerId, query }) => articles.feed(viewerId, query),
    GetArticles: ({ viewerId, query }) => articles.list(viewerId, query),
    CreateArticle: async ({ viewerId, body }) => ({ article: await articles.create(viewerId, body.article) }),
    GetArticle: async ({ viewerId, params }) => ({ article: await articles.get(viewerId, params.slug) }),
    UpdateArticle: async ({ viewerId, params, body }) => ({
      article: await articles.update(viewerId, params.slug, body.article),
    }),
    DeleteArticle: ({ viewerId, params }) => articles.remove(viewerId, params.slug),
    CreateArticleFavorite: async ({ viewerId, params }) => ({
      article: await articles.favorite(viewerId, params.slug),
    }),
    DeleteArticleFavorite: async ({ viewerId, params }) => ({
      article: await articles.unfavorite(viewerId, params.slug),
    }),
    GetTags: async () => ({ tags: await articles.tags() }),
  }) satisfies Partial<ConduitHandlers>;
