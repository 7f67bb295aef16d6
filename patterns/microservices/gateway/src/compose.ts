import type { Article, Comment, Profile, User } from '@journey/contract';
import type { ArticleListing } from '@journey/microservices-articles/api';
import type { CommentRecord } from '@journey/microservices-comments/api';
import type { Account } from '@journey/microservices-identity/api';
import type { ProfileCard } from '@journey/microservices-profiles/api';
import type { Authors } from './authors.js';

/** Public shapes assembled from several services' answers; ids stay inside the system. */
export const toUser = (account: Account): User => ({
  email: account.email,
  token: account.token,
  username: account.username,
  bio: account.bio,
  image: account.image,
});

export const toProfile = (card: ProfileCard): Profile => ({
  username: card.username,
  bio: card.bio,
  image: card.image,
  following: card.following,
});

function authorOf(authors: Authors, authorId: number, what: string): Profile {
  const author = authors.get(authorId);
  if (!author) throw new Error(`${what} names author ${authorId}, whom the identity service does not know`);
  return author;
}

export function toArticle<R extends ArticleListing & { body?: string }>(
  record: R,
  authors: Authors,
): R extends { body: string } ? Article : Omit<Article, 'body'> {
  // Field by field rather than a rest spread: a page builds twenty of these per request.
  const summary: Omit<Article, 'body'> = {
    slug: record.slug,
    title: record.title,
    description: record.description,
    tagList: record.tagList,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    favorited: record.favorited,
    favoritesCount: record.favoritesCount,
    author: authorOf(authors, record.authorId, `article ${record.slug}`),
  };
  return (record.body === undefined ? summary : { ...summary, body: record.body }) as never;
}

export const toComment = (record: CommentRecord, authors: Authors): Comment => ({
  id: record.id,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  body: record.body,
  author: authorOf(authors, record.authorId, `comment ${record.id}`),
});
