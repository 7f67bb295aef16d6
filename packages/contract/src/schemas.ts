import { Kind, type Static, Type, TypeRegistry } from '@sinclair/typebox';
import { limits } from './limits.js';

/**
 * A string or null, as the spec shows it (`"image": null`). Spelled `type: ["string","null"]`
 * rather than TypeBox's `anyOf`: fast-json-stringify serialises the former directly but runs a
 * validator per value for the latter, which cost ~20 µs per article in a list.
 */
const Nullable = (options: { maxLength?: number; pattern?: string } = {}) =>
  Type.Unsafe<string | null>({ [Kind]: NULLABLE_STRING, type: ['string', 'null'], ...options });

// TypeBox's own checker (used by the conformance suite) needs to be told what the custom kind accepts.
const NULLABLE_STRING = 'NullableString';
if (!TypeRegistry.Has(NULLABLE_STRING)) {
  TypeRegistry.Set<{ maxLength?: number }>(
    NULLABLE_STRING,
    (schema, value) =>
      value === null || (typeof value === 'string' && value.length <= (schema.maxLength ?? Infinity)),
  );
}
const IsoDate = Type.String({ format: 'date-time' });

/**
 * Text a client may send. NUL is refused at the schema, on every pattern alike: PostgreSQL cannot
 * store it in `text` (SQLSTATE 22021), and no legitimate title, slug or username contains one.
 */
const NO_NUL = '^[^\\u0000]*$';
const Text = (options: { maxLength?: number } = {}) => Type.String({ pattern: NO_NUL, ...options });

// ---- Requests -------------------------------------------------------------------------------

export const LoginUser = Type.Object({
  email: Text({ maxLength: limits.email }),
  password: Text({ maxLength: limits.password.max }),
});
export const LoginRequest = Type.Object({ user: LoginUser });

export const NewUser = Type.Object({
  username: Text({ maxLength: limits.username }),
  email: Text({ maxLength: limits.email }),
  password: Text({ maxLength: limits.password.max }),
});
export const NewUserRequest = Type.Object({ user: NewUser });

export const UpdateUser = Type.Object({
  email: Type.Optional(Text({ maxLength: limits.email })),
  username: Type.Optional(Text({ maxLength: limits.username })),
  password: Type.Optional(Text({ maxLength: limits.password.max })),
  bio: Type.Optional(Nullable({ maxLength: limits.bio, pattern: NO_NUL })),
  image: Type.Optional(Nullable({ maxLength: limits.image, pattern: NO_NUL })),
});
export const UpdateUserRequest = Type.Object({ user: UpdateUser });

export const NewArticle = Type.Object({
  title: Text({ maxLength: limits.title }),
  description: Text({ maxLength: limits.description }),
  body: Text({ maxLength: limits.body }),
  tagList: Type.Optional(Type.Array(Text({ maxLength: limits.tag }), { maxItems: limits.tagsPerArticle })),
});
export const NewArticleRequest = Type.Object({ article: NewArticle });

export const UpdateArticle = Type.Object({
  title: Type.Optional(Text({ maxLength: limits.title })),
  description: Type.Optional(Text({ maxLength: limits.description })),
  body: Type.Optional(Text({ maxLength: limits.body })),
});
export const UpdateArticleRequest = Type.Object({ article: UpdateArticle });

export const NewComment = Type.Object({ body: Text({ maxLength: limits.comment }) });
export const NewCommentRequest = Type.Object({ comment: NewComment });

/** Query strings stay strings here; `@journey/conduit-rules` parses them so every pattern rejects the same values. */
export const ListArticlesQuery = Type.Object({
  tag: Type.Optional(Text()),
  author: Type.Optional(Text()),
  favorited: Type.Optional(Text()),
  limit: Type.Optional(Text()),
  offset: Type.Optional(Text()),
});
export const FeedQuery = Type.Object({
  limit: Type.Optional(Text()),
  offset: Type.Optional(Text()),
});

export const SlugParams = Type.Object({ slug: Text() });
export const UsernameParams = Type.Object({ username: Text() });
export const CommentParams = Type.Object({ slug: Text(), id: Text() });

// ---- Responses ------------------------------------------------------------------------------

export const User = Type.Object({
  email: Type.String(),
  token: Type.String(),
  username: Type.String(),
  bio: Nullable(),
  image: Nullable(),
});
export const UserResponse = Type.Object({ user: User });

export const Profile = Type.Object({
  username: Type.String(),
  bio: Nullable(),
  image: Nullable(),
  following: Type.Boolean(),
});
export const ProfileResponse = Type.Object({ profile: Profile });

const articleFields = {
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  tagList: Type.Array(Type.String()),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  favorited: Type.Boolean(),
  favoritesCount: Type.Integer({ minimum: 0 }),
  author: Profile,
};
export const Article = Type.Object({ ...articleFields, body: Type.String() });
/** Since 2024-08-16 list endpoints leave out `body` (spec: api-response-format). */
export const ArticleSummary = Type.Object(articleFields);
export const SingleArticleResponse = Type.Object({ article: Article });
export const MultipleArticlesResponse = Type.Object({
  articles: Type.Array(ArticleSummary),
  articlesCount: Type.Integer({ minimum: 0 }),
});

export const Comment = Type.Object({
  id: Type.Integer(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  body: Type.String(),
  author: Profile,
});
export const SingleCommentResponse = Type.Object({ comment: Comment });
export const MultipleCommentsResponse = Type.Object({ comments: Type.Array(Comment) });

export const TagsResponse = Type.Object({ tags: Type.Array(Type.String()) });

/**
 * The RealWorld error shape. Validation errors are keyed by field (`{"email":["can't be blank"]}`);
 * errors that belong to no field use the key `body`, as the OpenAPI GenericErrorModel does.
 */
export const ErrorResponse = Type.Object({
  errors: Type.Record(Type.String(), Type.Array(Type.String())),
});

export type LoginUser = Static<typeof LoginUser>;
export type NewUser = Static<typeof NewUser>;
export type UpdateUser = Static<typeof UpdateUser>;
export type NewArticle = Static<typeof NewArticle>;
export type UpdateArticle = Static<typeof UpdateArticle>;
export type NewComment = Static<typeof NewComment>;
export type ListArticlesQuery = Static<typeof ListArticlesQuery>;
export type User = Static<typeof User>;
export type Profile = Static<typeof Profile>;
export type Article = Static<typeof Article>;
export type ArticleSummary = Static<typeof ArticleSummary>;
export type Comment = Static<typeof Comment>;
export type ErrorResponse = Static<typeof ErrorResponse>;
