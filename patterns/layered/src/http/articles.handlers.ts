import type { ConduitHandlers } from '@journey/conduit-http';
import { parsePage } from '@journey/conduit-rules';
import type { Application } from '../application/index.js';
import { presentArticle, presentPage } from './presenters.js';

export const articlesHandlers = ({ articles }: Application) =>
  ({
    // Request mapping: query strings become a page (422 for `limit=abc`) before any use case runs.
    GetArticlesFeed: async ({ viewerId, query }) =>
      presentPage(await articles.feed(viewerId, parsePage(query))),
    GetArticles: async ({ viewerId, query }) => {
      const { tag, author, favorited } = query;
      const filter = {
        ...(tag !== undefined && { tag }),
        ...(author !== undefined && { author }),
        ...(favorited !== undefined && { favorited }),
      };
      return presentPage(await articles.list(viewerId, filter, parsePage(query)));
    },
    CreateArticle: async ({ viewerId, body }) => ({
      article: presentArticle(await articles.create(viewerId, body.article)),
    }),
    GetArticle: async ({ viewerId, params }) => ({
      article: presentArticle(await articles.get(viewerId, params.slug)),
    }),
    UpdateArticle: async ({ viewerId, params, body }) => ({
      article: presentArticle(await articles.update(viewerId, params.slug, body.article)),
    }),
    DeleteArticle: ({ viewerId, params }) => articles.remove(viewerId, params.slug),
    CreateArticleFavorite: async ({ viewerId, params }) => ({
      article: presentArticle(await articles.favorite(viewerId, params.slug)),
    }),
    DeleteArticleFavorite: async ({ viewerId, params }) => ({
      article: presentArticle(await articles.unfavorite(viewerId, params.slug)),
    }),
    GetTags: async () => ({ tags: await articles.tags() }),
  }) satisfies Partial<ConduitHandlers>;
