import type { ConduitHandlers } from '@journey/conduit-http';
import { type ArticleRef, articlesApi } from '@journey/event-driven-articles/api';
import { viewsApi } from '@journey/event-driven-views/api';
import type { Static } from '@sinclair/typebox';
import type { Command } from '../command.js';
import type { Services } from '../services.js';

type ArticleAnswer = Static<typeof viewsApi.article.response>;
type ArticlesAnswer = Static<typeof viewsApi.articles.response>;
type RefAnswer = { article: ArticleRef };

type ArticleOperations =
  | 'GetArticlesFeed'
  | 'GetArticles'
  | 'CreateArticle'
  | 'GetArticle'
  | 'UpdateArticle'
  | 'DeleteArticle'
  | 'CreateArticleFavorite'
  | 'DeleteArticleFavorite'
  | 'GetTags';

/**
 * pattern: CQRS at the door. Every article read goes to views, which already holds the article with
 * its author's profile, favorite count and tags; every change goes to articles, which answers with
 * the slug only. After a change, the answer is views' article, read once views has applied it.
 */
export function articlesHandlers(
  { articles, views }: Services,
  command: Command,
): ConduitHandlers<ArticleOperations> {
  const read = async (viewerId: number | null, slug: string) =>
    (
      await views.send<ArticleAnswer>({
        method: 'GET',
        route: viewsApi.article.path,
        params: { slug },
        viewerId,
      })
    ).body;
  const favorite =
    (method: 'POST' | 'DELETE') =>
    async ({ viewerId, params }: { viewerId: number; params: { slug: string } }) => {
      const { article } = await command<RefAnswer>(articles, {
        method,
        route: articlesApi.favorite.path,
        params: { slug: params.slug },
        viewerId,
      });
      return read(viewerId, article.slug);
    };

  return {
    GetArticlesFeed: async ({ viewerId, query }) =>
      (
        await views.send<ArticlesAnswer>({
          method: 'GET',
          route: viewsApi.feed.path,
          query: { limit: query.limit, offset: query.offset },
          viewerId,
        })
      ).body,
    GetArticles: async ({ viewerId, query }) => {
      const { tag, author, favorited, limit, offset } = query;
      return (
        await views.send<ArticlesAnswer>({
          method: 'GET',
          route: viewsApi.articles.path,
          query: { tag, author, favorited, limit, offset },
          viewerId,
        })
      ).body;
    },
    CreateArticle: async ({ viewerId, body: { article } }) => {
      const draft = {
        title: article.title,
        description: article.description,
        body: article.body,
        tagList: article.tagList,
      };
      const created = await command<RefAnswer>(articles, {
        method: 'POST',
        route: articlesApi.create.path,
        viewerId,
        json: { article: draft },
      });
      return read(viewerId, created.article.slug);
    },
    GetArticle: ({ viewerId, params }) => read(viewerId, params.slug),
    UpdateArticle: async ({ viewerId, params, body: { article } }) => {
      const changes = { title: article.title, description: article.description, body: article.body };
      // The slug follows the title: read the article back under the one articles answered with.
      const updated = await command<RefAnswer>(articles, {
        method: 'PUT',
        route: articlesApi.one.path,
        params: { slug: params.slug },
        viewerId,
        json: { article: changes },
      });
      return read(viewerId, updated.article.slug);
    },
    DeleteArticle: async ({ viewerId, params }) => {
      await command<void>(articles, {
        method: 'DELETE',
        route: articlesApi.one.path,
        params: { slug: params.slug },
        viewerId,
      });
    },
    CreateArticleFavorite: favorite('POST'),
    DeleteArticleFavorite: favorite('DELETE'),
    GetTags: async () =>
      (await views.send<Static<typeof viewsApi.tags.response>>({ method: 'GET', route: viewsApi.tags.path }))
        .body,
  };
}
