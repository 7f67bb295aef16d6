import type { Page } from '@journey/conduit-rules';
import type * as Json from '@journey/contract';
import type { Article, ArticlePage, PublishingV1 } from '@journey/soa-contracts';
import { toProfile } from './profiles.transform.js';

/** JSON ⇄ PublishingService v1 (and the article pages EngagementService answers): pure functions. */

/** A tag list the client sent, even an empty one, travels as `tagList`; none sent, none in the request. */
export const createArticleRequest = (article: Json.NewArticle): PublishingV1['CreateArticle']['request'] => ({
  title: article.title,
  description: article.description,
  body: article.body,
  ...(article.tagList !== undefined && { tagList: { tag: article.tagList } }),
});

export function updateArticleRequest(
  slug: string,
  article: Json.UpdateArticle,
): PublishingV1['UpdateArticle']['request'] {
  const request: PublishingV1['UpdateArticle']['request'] = { slug };
  if (article.title !== undefined) request.title = article.title;
  if (article.description !== undefined) request.description = article.description;
  if (article.body !== undefined) request.body = article.body;
  return request;
}

/** The query's filters (`favorited` is the canonical `favoritedBy`) and the page parsePage bounded. */
export function listArticlesRequest(
  query: Json.ListArticlesQuery,
  page: Page,
): PublishingV1['ListArticles']['request'] {
  return {
    ...(query.tag !== undefined && { tag: query.tag }),
    ...(query.author !== undefined && { author: query.author }),
    ...(query.favorited !== undefined && { favoritedBy: query.favorited }),
    page: { limit: page.limit, offset: page.offset },
  };
}

/** In a list the JSON API leaves the body out (spec, 2024-08-16). */
export const toArticleSummary = (article: Article): Json.ArticleSummary => ({
  slug: article.slug,
  title: article.title,
  description: article.description,
  tagList: article.tagList.tag,
  createdAt: article.createdAt,
  updatedAt: article.updatedAt,
  favorited: article.favorited,
  favoritesCount: article.favoritesCount,
  author: toProfile(article.author),
});

/** A single article carries its body; the canonical Article leaves it out only in lists. */
export const toArticle = (article: Article): Json.Article => ({
  ...toArticleSummary(article),
  body: article.body ?? '',
});

/** The canonical page's `total` is the JSON `articlesCount`. */
export const toArticleList = (page: ArticlePage) => ({
  articles: page.article.map(toArticleSummary),
  articlesCount: page.page.total,
});
