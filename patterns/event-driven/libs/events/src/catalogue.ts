import { type Static, Type } from '@sinclair/typebox';
import { type Consumer, defineEvent } from './envelope.js';
import { Id, NullableText, strict, Tags, Text, Timestamp } from './fields.js';

// pattern: a fact carries the state its consumers need, so no consumer calls the producer back.

const userProfile = Type.Object(
  { userId: Id, username: Text, bio: NullableText, image: NullableText },
  strict,
);

export const UserRegistered = defineEvent({
  type: 'UserRegistered',
  version: 1,
  producer: 'identity',
  consumers: ['profiles', 'views'],
  meaning: 'A new account exists; its public profile (never the email or password) travels with it.',
  payload: userProfile,
  aggregate: 'user',
  aggregateId: (p) => p.userId,
});

export const UserProfileChanged = defineEvent({
  type: 'UserProfileChanged',
  version: 1,
  producer: 'identity',
  consumers: ['profiles', 'views'],
  meaning: "A user's public profile now reads as given (the whole profile, not a diff).",
  payload: userProfile,
  aggregate: 'user',
  aggregateId: (p) => p.userId,
});

const follow = Type.Object({ followerId: Id, followedId: Id }, strict);

export const UserFollowed = defineEvent({
  type: 'UserFollowed',
  version: 1,
  producer: 'profiles',
  consumers: ['views'],
  meaning: 'The follower now sees the followed author’s new articles in their feed.',
  payload: follow,
  aggregate: 'follower',
  aggregateId: (p) => p.followerId,
});

export const UserUnfollowed = defineEvent({
  type: 'UserUnfollowed',
  version: 1,
  producer: 'profiles',
  consumers: ['views'],
  meaning: 'The follower no longer follows the author.',
  payload: follow,
  aggregate: 'follower',
  aggregateId: (p) => p.followerId,
});

export const ArticlePublished = defineEvent({
  type: 'ArticlePublished',
  version: 1,
  producer: 'articles',
  consumers: ['comments', 'views'],
  meaning: 'An article was created, with everything a reader sees of it.',
  payload: Type.Object(
    {
      articleId: Id,
      slug: Text,
      authorId: Id,
      title: Text,
      description: Text,
      body: Text,
      tagList: Tags,
      createdAt: Timestamp,
    },
    strict,
  ),
  aggregate: 'article',
  aggregateId: (p) => p.articleId,
});

export const ArticleUpdated = defineEvent({
  type: 'ArticleUpdated',
  version: 1,
  producer: 'articles',
  consumers: ['comments', 'views'],
  meaning: 'An article now reads as given (the slug changes with the title).',
  payload: Type.Object(
    { articleId: Id, slug: Text, title: Text, description: Text, body: Text, updatedAt: Timestamp },
    strict,
  ),
  aggregate: 'article',
  aggregateId: (p) => p.articleId,
});

export const ArticleDeleted = defineEvent({
  type: 'ArticleDeleted',
  version: 1,
  producer: 'articles',
  consumers: ['comments', 'views'],
  meaning: 'An article is gone; its tags are named so tag popularity can count down without a lookup.',
  payload: Type.Object({ articleId: Id, slug: Text, authorId: Id, tagList: Tags }, strict),
  aggregate: 'article',
  aggregateId: (p) => p.articleId,
});

const favorite = Type.Object(
  { articleId: Id, userId: Id, favoritesCount: Type.Integer({ minimum: 0 }) },
  strict,
);

export const ArticleFavorited = defineEvent({
  type: 'ArticleFavorited',
  version: 1,
  producer: 'articles',
  consumers: ['views'],
  meaning: 'A user favorited an article; the count is the owner’s exact count after the change.',
  payload: favorite,
  aggregate: 'article',
  aggregateId: (p) => p.articleId,
});

export const ArticleUnfavorited = defineEvent({
  type: 'ArticleUnfavorited',
  version: 1,
  producer: 'articles',
  consumers: ['views'],
  meaning: 'A user took back a favorite; the count is the owner’s exact count after the change.',
  payload: favorite,
  aggregate: 'article',
  aggregateId: (p) => p.articleId,
});

export const CommentAdded = defineEvent({
  type: 'CommentAdded',
  version: 1,
  producer: 'comments',
  consumers: ['views'],
  meaning: 'A comment was posted on an article, with everything a reader sees of it.',
  payload: Type.Object(
    { commentId: Id, articleId: Id, authorId: Id, body: Text, createdAt: Timestamp },
    strict,
  ),
  aggregate: 'article',
  aggregateId: (p) => p.articleId,
});

export const CommentDeleted = defineEvent({
  type: 'CommentDeleted',
  version: 1,
  producer: 'comments',
  consumers: ['views'],
  meaning: 'A comment was removed by its author.',
  payload: Type.Object({ commentId: Id, articleId: Id }, strict),
  aggregate: 'article',
  aggregateId: (p) => p.articleId,
});

/** Every event the system knows, in the order EVENTS.md lists them. */
export const catalogue = [
  UserRegistered,
  UserProfileChanged,
  UserFollowed,
  UserUnfollowed,
  ArticlePublished,
  ArticleUpdated,
  ArticleDeleted,
  ArticleFavorited,
  ArticleUnfavorited,
  CommentAdded,
  CommentDeleted,
] as const;

type Catalogue = (typeof catalogue)[number];

/** Any event of the catalogue, as published and as consumed. */
export type DomainEvent = Static<Catalogue['schema']>;
export type EventType = DomainEvent['type'];
/** The payload of one event type. */
export type PayloadOf<T extends EventType> = Extract<DomainEvent, { type: T }>['payload'];

export const EVENT_TYPES = catalogue.map((definition) => definition.type) as readonly EventType[];

const consumersByType = new Map<EventType, readonly Consumer[]>(
  catalogue.map((definition) => [definition.type, definition.consumers]),
);

/** The services whose consumer group takes `type`: whom a writer waits for before it reads its own write. */
export function consumersOf(type: EventType): readonly Consumer[] {
  return consumersByType.get(type) ?? [];
}
