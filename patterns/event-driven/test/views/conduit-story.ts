import { createEvent, type DomainEvent, type EventType, type PayloadOf } from '@journey/event-driven-events';

/**
 * A Conduit afternoon as the views consumer hears it, in publish order: three people sign up, a
 * celebrity writes, a reader follows her (and sees what she wrote before), articles are favorited,
 * renamed, commented on and deleted, and someone follows then unfollows. The expected answers in the
 * tests are worked out by hand from this list.
 */
export const users = {
  celeb: { userId: 1, username: 'celeb' },
  reader: { userId: 2, username: 'reader' },
  jake: { userId: 3, username: 'jake' },
};

const at = (minute: number) => new Date(Date.UTC(2026, 10, 26, 14, minute)).toISOString();

const article = (articleId: number, authorId: number, title: string, tagList: string[], minute: number) =>
  ({
    articleId,
    slug: title.toLowerCase().replaceAll(' ', '-'),
    authorId,
    title,
    description: `About ${title}`,
    body: `All of ${title}`,
    tagList,
    createdAt: at(minute),
  }) satisfies PayloadOf<'ArticlePublished'>;

export const articles = {
  dragons: article(11, users.celeb.userId, 'Train dragons', ['dragons', 'training'], 1),
  eggs: article(12, users.celeb.userId, 'Dragon eggs', ['dragons'], 2),
  zoo: article(13, users.jake.userId, 'Zoo day', ['training', 'zoo'], 5),
  quiet: article(14, users.celeb.userId, 'Quiet one', [], 6),
};

const event = <T extends EventType>(type: T, payload: PayloadOf<T>) => createEvent(type, payload);

export function conduitStory(): DomainEvent[] {
  const { celeb, reader, jake } = users;
  return [
    event('UserRegistered', { ...celeb, bio: null, image: null }),
    event('UserRegistered', { ...reader, bio: null, image: null }),
    event('UserRegistered', { ...jake, bio: 'zookeeper', image: null }),
    event('ArticlePublished', articles.dragons),
    event('ArticlePublished', articles.eggs),
    // Back-fill: the reader's feed gets both articles celeb already wrote.
    event('UserFollowed', { followerId: reader.userId, followedId: celeb.userId }),
    event('ArticlePublished', articles.zoo),
    // Fan-out: a new article of celeb's lands in the reader's feed.
    event('ArticlePublished', articles.quiet),
    event('ArticleFavorited', { articleId: 11, userId: reader.userId, favoritesCount: 1 }),
    event('ArticleFavorited', { articleId: 11, userId: jake.userId, favoritesCount: 2 }),
    event('ArticleUnfavorited', { articleId: 11, userId: jake.userId, favoritesCount: 1 }),
    event('ArticleFavorited', { articleId: 12, userId: jake.userId, favoritesCount: 1 }),
    event('UserProfileChanged', { ...celeb, bio: 'I write about dragons', image: 'https://i.example/c.png' }),
    event('ArticleUpdated', {
      articleId: 11,
      slug: 'train-your-dragons',
      title: 'Train your dragons',
      description: 'A guide',
      body: 'Start small',
      updatedAt: at(20),
    }),
    event('CommentAdded', {
      commentId: 21,
      articleId: 11,
      authorId: reader.userId,
      body: 'Great',
      createdAt: at(21),
    }),
    event('CommentAdded', {
      commentId: 22,
      articleId: 11,
      authorId: jake.userId,
      body: 'Meh',
      createdAt: at(22),
    }),
    event('CommentAdded', {
      commentId: 23,
      articleId: 12,
      authorId: reader.userId,
      body: 'Eggs!',
      createdAt: at(23),
    }),
    event('CommentAdded', {
      commentId: 24,
      articleId: 13,
      authorId: celeb.userId,
      body: 'Fun',
      createdAt: at(24),
    }),
    event('CommentDeleted', { commentId: 22, articleId: 11 }),
    // Gone everywhere: from the list, the reader's feed, the dragons count, its comments and favorites.
    event('ArticleDeleted', {
      articleId: 12,
      slug: 'dragon-eggs',
      authorId: celeb.userId,
      tagList: ['dragons'],
    }),
    event('UserFollowed', { followerId: jake.userId, followedId: celeb.userId }),
    event('UserUnfollowed', { followerId: jake.userId, followedId: celeb.userId }),
    event('UserFollowed', { followerId: celeb.userId, followedId: jake.userId }),
  ];
}
