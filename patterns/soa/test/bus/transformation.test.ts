import { describe, expect, it } from 'vitest';
import {
  createArticleRequest,
  listArticlesRequest,
  toArticle,
  toArticleList,
  toArticleSummary,
  updateArticleRequest,
} from '../../bus/src/transformation/articles.transform.js';
import { commentIdOf, toComment } from '../../bus/src/transformation/comments.transform.js';
import { toProfile } from '../../bus/src/transformation/profiles.transform.js';
import { toUser, updateUserRequest } from '../../bus/src/transformation/users.transform.js';
import { article, comment } from './bus-support.js';

describe('JSON ⇄ canonical transformations', () => {
  it('when a canonical user or profile has no bio or image, then the JSON says null', () => {
    expect(toUser({ id: 7, email: 'a@b.c', token: 't', username: 'ann' })).toEqual({
      email: 'a@b.c',
      token: 't',
      username: 'ann',
      bio: null,
      image: null,
    });
    expect(toProfile({ username: 'ann', image: 'https://i', following: true })).toEqual({
      username: 'ann',
      bio: null,
      image: 'https://i',
      following: true,
    });
  });

  it('when a user update sends null, then it stays null (clear); an absent field stays absent (unchanged)', () => {
    expect(updateUserRequest({ bio: null, email: 'new@b.c' })).toEqual({ bio: null, email: 'new@b.c' });
    expect(updateUserRequest({ bio: undefined })).toEqual({});
  });

  it('when an article is created with or without tags, then tagList is sent only when the client sent one', () => {
    const fields = { title: 't', description: 'd', body: 'b' };
    expect(createArticleRequest({ ...fields, tagList: [] })).toEqual({ ...fields, tagList: { tag: [] } });
    expect(createArticleRequest(fields)).toEqual(fields);
    expect(updateArticleRequest('s', { title: 'new' })).toEqual({ slug: 's', title: 'new' });
  });

  it('when articles are listed, then `favorited` becomes favoritedBy and the page is passed as bounded', () => {
    expect(
      listArticlesRequest({ tag: 'soa', favorited: 'ann', limit: '5' }, { limit: 5, offset: 10 }),
    ).toEqual({
      tag: 'soa',
      favoritedBy: 'ann',
      page: { limit: 5, offset: 10 },
    });
  });

  it('when a page of articles is answered, then tagList is an array, bodies are left out and total is articlesCount', () => {
    const page = { article: [article('a', 'ann')], page: { limit: 20, offset: 0, total: 41 } };
    const list = toArticleList(page);
    expect(list.articlesCount).toBe(41);
    expect(list.articles[0]).toEqual(toArticleSummary(page.article[0]!));
    expect(list.articles[0]).not.toHaveProperty('body');
    expect(list.articles[0]!.tagList).toEqual(['soa']);
    expect(toArticleList({ article: [], page: { limit: 20, offset: 0, total: 0 } })).toEqual({
      articles: [],
      articlesCount: 0,
    });
  });

  it('when a single article is answered, then it carries its body and the author as a JSON profile', () => {
    const json = toArticle(article('a', 'ann', { tagList: { tag: [] } }));
    expect(json).toMatchObject({
      slug: 'a',
      body: 'a body',
      tagList: [],
      author: { username: 'ann', image: null },
    });
  });

  it('when a comment is answered, then its author is a JSON profile', () => {
    expect(toComment(comment(3, 'bob'))).toEqual({
      id: 3,
      createdAt: '2026-12-06T10:00:00.000Z',
      updatedAt: '2026-12-06T10:00:00.000Z',
      body: 'comment 3',
      author: { username: 'bob', bio: "bob's bio", image: null, following: false },
    });
  });

  it('when a comment id in a URL cannot be an xs:int id, then it names no comment', () => {
    expect(commentIdOf('12')).toBe(12);
    expect(commentIdOf('0')).toBeUndefined();
    expect(commentIdOf('abc')).toBeUndefined();
    expect(commentIdOf('2147483648')).toBeUndefined();
    expect(commentIdOf('-1')).toBeUndefined();
  });
});
