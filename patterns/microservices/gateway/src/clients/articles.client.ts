import type { Page } from '@journey/conduit-rules';
import type { NewArticle, UpdateArticle } from '@journey/contract';
import type { ArticleListing, ArticleRecord } from '@journey/microservices-articles/api';
import type { Downstream } from '@journey/microservices-service-client';

export interface ArticleQuery extends Page {
  tag?: string;
  authorIds?: number[];
  favoritedBy?: number;
}

export function articlesClient(articles: Downstream) {
  const article = async (call: Promise<{ article: ArticleRecord }>) => (await call).article;
  return {
    list: (viewerId: number | null, query: ArticleQuery) =>
      articles.call<{ articles: ArticleListing[]; articlesCount: number }>({
        method: 'GET',
        route: '/articles',
        viewerId,
        query: { ...query },
      }),
    get: (viewerId: number | null, slug: string) =>
      article(articles.call({ method: 'GET', route: '/articles/:slug', params: { slug }, viewerId })),
    create: (viewerId: number, input: NewArticle) =>
      article(articles.call({ method: 'POST', route: '/articles', viewerId, json: { article: input } })),
    update: (viewerId: number, slug: string, input: UpdateArticle) =>
      article(
        articles.call({
          method: 'PUT',
          route: '/articles/:slug',
          params: { slug },
          viewerId,
          json: { article: input },
        }),
      ),
    remove: (viewerId: number, slug: string) =>
      articles.call<void>({ method: 'DELETE', route: '/articles/:slug', params: { slug }, viewerId }),
    favorite: (viewerId: number, slug: string) =>
      article(
        articles.call({ method: 'PUT', route: '/articles/:slug/favorites/me', params: { slug }, viewerId }),
      ),
    unfavorite: (viewerId: number, slug: string) =>
      article(
        articles.call({
          method: 'DELETE',
          route: '/articles/:slug/favorites/me',
          params: { slug },
          viewerId,
        }),
      ),
    async tags(): Promise<string[]> {
      return (await articles.call<{ tags: string[] }>({ method: 'GET', route: '/tags' })).tags;
    },
  };
}

export type ArticlesClient = ReturnType<typeof articlesClient>;
