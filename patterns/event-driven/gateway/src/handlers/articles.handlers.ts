import type { ConduitHandlers } from '@journey/conduit-http';
import { articlesApi, type WrittenArticle } from '@journey/event-driven-articles/api';
import { viewsApi } from '@journey/event-driven-views/api';
import type { Static } from '@sinclair/typebox';
import type { Command, Committed } from '../command.js';
import { readBack } from '../read-back.js';
import type { Services } from '../services.js';
import type { WrittenAnswers } from '../written-answers.js';

type ArticleAnswer = Static<typeof viewsApi.article.response>;
type ArticlesAnswer = Static<typeof viewsApi.articles.response>;
type WrittenAnswer = { article: WrittenArticle };

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
 * the article as it committed it. After a change, the answer is views' article, read once views has
 * applied it; when views cannot show it, the article as articles committed it (readBack).
 */
export function articlesHandlers(
  { articles, views }: Services,
  command: Command,
  written: WrittenAnswers,
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
  const answer = (viewerId: number, committed: Committed<WrittenAnswer>) =>
    readBack(
      committed,
      () => read(viewerId, committed.written.article.slug),
      () => written.article(viewerId, committed.written.article),
    );
  const favorite =
    (method: 'POST' | 'DELETE') =>
    async ({ viewerId, params }: { viewerId: number; params: { slug: string } }) => {
      const committed = await command<WrittenAnswer>(articles, {
        method,
        route: articlesApi.favorite.path,
        params: { slug: params.slug },
        viewerId,
      });
      return answer(viewerId, committed);
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
      const created = await command<WrittenAnswer>(articles, {
        method: 'POST',
        route: articlesApi.create.path,
        viewerId,
        json: { article: draft },
      });
      return answer(viewerId, created);
    },
    GetArticle: ({ viewerId, params }) => read(viewerId, params.slug),
    UpdateArticle: async ({ viewerId, params, body: { article } }) => {
      const changes = { title: article.title, description: article.description, body: article.body };
      // The slug follows the title: read the article back under the one articles answered with.
      const updated = await command<WrittenAnswer>(articles, {
        method: 'PUT',
        route: articlesApi.one.path,
        params: { slug: params.slug },
        viewerId,
        json: { article: changes },
      });
      return answer(viewerId, updated);
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
