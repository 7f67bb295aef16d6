import type { ConduitHandlers } from '@journey/conduit-http';
import type { Conduit } from '../../../application/ports/driving/use-cases.port.js';

export const articlesHandlers = (conduit: Conduit) =>
  ({
    GetArticlesFeed: ({ viewerId, query }) => conduit.listFeed(viewerId, query),
    GetArticles: ({ viewerId, query }) => conduit.listArticles(viewerId, query),
    CreateArticle: async ({ viewerId, body }) => ({
      article: await conduit.publishArticle(viewerId, body.article),
    }),
    GetArticle: async ({ viewerId, params }) => ({
      article: await conduit.getArticle(viewerId, params.slug),
    }),
    UpdateArticle: async ({ viewerId, params, body }) => ({
      article: await conduit.editArticle(viewerId, params.slug, body.article),
    }),
    DeleteArticle: ({ viewerId, params }) => conduit.deleteArticle(viewerId, params.slug),
    CreateArticleFavorite: async ({ viewerId, params }) => ({
      article: await conduit.favoriteArticle(viewerId, params.slug),
    }),
    DeleteArticleFavorite: async ({ viewerId, params }) => ({
      article: await conduit.unfavoriteArticle(viewerId, params.slug),
    }),
    GetTags: async () => ({ tags: await conduit.listTags() }),
  }) satisfies Partial<ConduitHandlers>;
