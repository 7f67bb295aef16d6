import { NewArticleRequest, UpdateArticleRequest } from '@journey/contract';
import { type Static, Type } from '@sinclair/typebox';

/** The articles service's published API; the gateway imports these schemas and nothing else from here. */
const recordFields = {
  id: Type.Integer(),
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  tagList: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  /** Whether the forwarded viewer favorited it; false for an anonymous call. */
  favorited: Type.Boolean(),
  favoritesCount: Type.Integer(),
  /** identity's id of the author; the caller turns it into a profile. */
  authorId: Type.Integer(),
};
export const ArticleRecord = Type.Object({ ...recordFields, body: Type.String() });
export const ArticleListing = Type.Object(recordFields);
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) });
const single = Type.Object({ article: ArticleRecord });

export const articlesApi = {
  /** GET: newest first. `authorIds` (comma-separated) and `favoritedBy` are identity ids. */
  list: {
    path: '/articles',
    query: Type.Object({
      tag: Type.Optional(Type.String()),
      authorIds: Type.Optional(Type.String()),
      favoritedBy: Type.Optional(Type.String()),
      limit: Type.Optional(Type.String()),
      offset: Type.Optional(Type.String()),
    }),
    response: Type.Object({ articles: Type.Array(ArticleListing), articlesCount: Type.Integer() }),
  },
  /** POST, by the forwarded viewer: 201. */
  create: { path: '/articles', body: NewArticleRequest, response: single },
  /** GET; PUT and DELETE by the author only (403 otherwise). DELETE also removes the comments. */
  one: { path: '/articles/:slug', params: SlugParams, body: UpdateArticleRequest, response: single },
  /** PUT favorites, DELETE unfavorites, for the forwarded viewer; both idempotent. */
  favorite: { path: '/articles/:slug/favorites/me', params: SlugParams, response: single },
  tags: { path: '/tags', response: Type.Object({ tags: Type.Array(Type.String()) }) },
} as const;

export type ArticleRecord = Static<typeof ArticleRecord>;
export type ArticleListing = Static<typeof ArticleListing>;
