import { createEvent, type EventType, type PayloadOf } from '@journey/event-driven-events';

/** A valid payload for every event of the catalogue: the tests' fixtures, not production data. */
export const samplePayloads: { [T in EventType]: PayloadOf<T> } = {
  UserRegistered: { userId: 1, username: 'jake', bio: null, image: null },
  UserProfileChanged: {
    userId: 1,
    username: 'jake',
    bio: 'I work at statefarm',
    image: 'https://i.example/j.png',
  },
  UserFollowed: { followerId: 2, followedId: 1 },
  UserUnfollowed: { followerId: 2, followedId: 1 },
  ArticlePublished: {
    articleId: 7,
    slug: 'how-to-train-your-dragon',
    authorId: 1,
    title: 'How to train your dragon',
    description: 'Ever wonder how?',
    body: 'You have to believe',
    tagList: ['dragons', 'training'],
    createdAt: '2026-11-26T02:00:00.000Z',
  },
  ArticleUpdated: {
    articleId: 7,
    slug: 'did-you-train-your-dragon',
    title: 'Did you train your dragon?',
    description: 'Ever wonder how?',
    body: 'You have to believe',
    updatedAt: '2026-11-26T02:05:00.000Z',
  },
  ArticleDeleted: { articleId: 7, slug: 'did-you-train-your-dragon', authorId: 1, tagList: ['dragons'] },
  ArticleFavorited: { articleId: 7, userId: 2, favoritesCount: 1 },
  ArticleUnfavorited: { articleId: 7, userId: 2, favoritesCount: 0 },
  CommentAdded: {
    commentId: 3,
    articleId: 7,
    authorId: 2,
    body: 'Thank you so much!',
    createdAt: '2026-11-26T02:06:00.000Z',
  },
  CommentDeleted: { commentId: 3, articleId: 7 },
};

/** An ArticlePublished of article `articleId`, for tests that need many distinct events. */
export const articlePublished = (articleId: number, title = `Article ${articleId}`) =>
  createEvent('ArticlePublished', {
    ...samplePayloads.ArticlePublished,
    articleId,
    title,
    slug: `article-${articleId}`,
  });
