import { NewArticleRequest, UpdateArticleRequest } from '@journey/contract';
import { type Static, Type } from '@sinclair/typebox';

/**
 * The articles service's published API: the gateway imports these schemas and nothing else from
 * this package. Commands answer with the article as they committed it and carry `x-journey-events`
 * naming the events they committed. Readers go to views; the gateway answers from this only while
 * views has not caught up (ADR 0009).
 */
export const WrittenArticle = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  body: Type.String(),
  tagList: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** Whether the viewer who sent the command has favorited it, after the command. */
  favorited: Type.Boolean(),
  favoritesCount: Type.Integer(),
  /** An identity id: the author's profile is not this service's to know. */
  authorId: Type.Integer(),
});
const WrittenArticleResponse = Type.Object({ article: WrittenArticle });
const SlugParams = Type.Object({ slug: Type.String() });

export const articlesApi = {
  /** POST by the forwarded viewer: 201 and ArticlePublished; 422 when a field is blank or too long. */
  create: { path: '/articles', body: NewArticleRequest, response: WrittenArticleResponse },
  /**
   * PUT by the author: ArticleUpdated (a new slug when the title's words change); DELETE by the
   * author: 204 and ArticleDeleted. 403 for anyone else, 404 for an unknown slug.
   */
  one: {
    path: '/articles/:slug',
    params: SlugParams,
    body: UpdateArticleRequest,
    response: WrittenArticleResponse,
  },
  /**
   * POST favorites, DELETE unfavorites, for the forwarded viewer. Both idempotent: only a call that
   * changed something publishes ArticleFavorited / ArticleUnfavorited, with the exact count after it.
   */
  favorite: { path: '/articles/:slug/favorite', params: SlugParams, response: WrittenArticleResponse },
} as const;

export type WrittenArticle = Static<typeof WrittenArticle>;
