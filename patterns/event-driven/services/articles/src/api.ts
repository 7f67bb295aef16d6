import { NewArticleRequest, UpdateArticleRequest } from '@journey/contract';
import { type Static, Type } from '@sinclair/typebox';

/**
 * The articles service's published API: the gateway imports these schemas and nothing else from
 * this package. Commands answer with the article's id and slug only (readers go to views) and
 * carry `x-journey-events` naming the events they committed.
 */
export const ArticleRef = Type.Object({ id: Type.Integer(), slug: Type.String() });
const ArticleRefResponse = Type.Object({ article: ArticleRef });
const SlugParams = Type.Object({ slug: Type.String() });

export const articlesApi = {
  /** POST by the forwarded viewer: 201 and ArticlePublished; 422 when a field is blank or too long. */
  create: { path: '/articles', body: NewArticleRequest, response: ArticleRefResponse },
  /**
   * PUT by the author: ArticleUpdated (a new slug when the title's words change); DELETE by the
   * author: 204 and ArticleDeleted. 403 for anyone else, 404 for an unknown slug.
   */
  one: {
    path: '/articles/:slug',
    params: SlugParams,
    body: UpdateArticleRequest,
    response: ArticleRefResponse,
  },
  /**
   * POST favorites, DELETE unfavorites, for the forwarded viewer. Both idempotent: only a call that
   * changed something publishes ArticleFavorited / ArticleUnfavorited, with the exact count after it.
   */
  favorite: { path: '/articles/:slug/favorite', params: SlugParams, response: ArticleRefResponse },
} as const;

export type ArticleRef = Static<typeof ArticleRef>;
