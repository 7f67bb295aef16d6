import type { Page } from '@journey/conduit-rules';
import {
  type Article,
  type ArticleSummary,
  draftArticle,
  OnlyTheAuthorMayChangeTheArticle,
  reviseArticle,
  slugFor,
} from '../domain/article.js';
import type { ArticleFilter, Repositories } from '../persistence/data-access.js';
import { UniqueViolation } from '../persistence/data-access.js';
import { authorize } from './authorize.js';
import { authorOf, profilesOf } from './authors.js';
import type { ServiceDeps } from './deps.js';
import { NotFound } from './errors.js';
import type { ArticlePage, ArticleSummaryView, ArticleView } from './views.js';

export interface ArticleQuery {
  tag?: string;
  author?: string;
  favorited?: string;
}

export function createArticlesService({ data, clock }: ServiceDeps) {
  /** Authors and `favorited` for a whole page in two queries, never one per article. */
  async function present<A extends ArticleSummary>(viewerId: number | null, articles: A[]) {
    const [authors, favorited] = await Promise.all([
      profilesOf(
        data,
        viewerId,
        articles.map((a) => a.authorId),
      ),
      viewerId === null
        ? new Set<number>()
        : data.favorites.favoritedAmong(
            viewerId,
            articles.map((a) => a.id),
          ),
    ]);
    return articles.map((article) => ({
      article,
      author: authorOf(authors, article.authorId, `article ${article.id}`),
      favorited: favorited.has(article.id),
    }));
  }

  async function existing(slug: string): Promise<Article> {
    const article = await data.articles.bySlug(slug);
    if (!article) throw new NotFound('article');
    return article;
  }

  async function show(viewerId: number | null, article: Article | undefined): Promise<ArticleView> {
    if (!article) throw new NotFound('article');
    const [view] = await present(viewerId, [article]);
    return view!;
  }

  /**
   * pattern: the application layer owns the transaction. The slug check and the write share one;
   * if a concurrent writer still takes the slug first, the UNIQUE constraint stops us and we retry
   * once with a suffixed slug.
   */
  async function withFreeSlug<T>(readable: string, write: (tx: Repositories, slug: string) => Promise<T>) {
    const attempt = (forceSuffix: boolean) =>
      data.transaction(async (tx) =>
        write(tx, slugFor(readable, forceSuffix || (await tx.articles.slugTaken(readable)))),
      );
    try {
      return await attempt(false);
    } catch (error) {
      if (!(error instanceof UniqueViolation)) throw error;
      return attempt(true);
    }
  }

  const list = async (viewerId: number | null, filter: ArticleFilter, page: Page): Promise<ArticlePage> => {
    const { articles, total } = await data.articles.page(filter, page);
    return { articles: await present(viewerId, articles), total };
  };

  return {
    list(viewerId: number | null, query: ArticleQuery, page: Page): Promise<ArticlePage> {
      return list(
        viewerId,
        {
          ...(query.tag !== undefined && { tag: query.tag }),
          ...(query.author !== undefined && { authorUsername: query.author }),
          ...(query.favorited !== undefined && { favoritedByUsername: query.favorited }),
        },
        page,
      );
    },

    feed: (viewerId: number, page: Page): Promise<ArticlePage> =>
      list(viewerId, { followedBy: viewerId }, page),

    get: async (viewerId: number | null, slug: string) => show(viewerId, await data.articles.bySlug(slug)),

    async create(authorId: number, input: Parameters<typeof draftArticle>[0]): Promise<ArticleView> {
      const draft = draftArticle(input);
      const id = await withFreeSlug(draft.slug, async (tx, slug) => {
        const articleId = await tx.articles.insert({ ...draft, slug, authorId }, clock());
        await tx.tags.attach(articleId, draft.tagList);
        return articleId;
      });
      return show(authorId, await data.articles.byId(id));
    },

    async update(
      viewerId: number,
      slug: string,
      input: { title?: string; description?: string; body?: string },
    ): Promise<ArticleView> {
      const current = await existing(slug);
      authorize(new OnlyTheAuthorMayChangeTheArticle(current, viewerId));
      const { slug: readable, ...revision } = reviseArticle(current, input);
      if (readable === undefined) {
        await data.articles.update(current.id, revision, clock());
      } else {
        await withFreeSlug(readable, (tx, fresh) =>
          tx.articles.update(current.id, { ...revision, slug: fresh }, clock()),
        );
      }
      return show(viewerId, await data.articles.byId(current.id));
    },

    async remove(viewerId: number, slug: string): Promise<void> {
      const current = await existing(slug);
      authorize(new OnlyTheAuthorMayChangeTheArticle(current, viewerId));
      // Comments, favorites and tag links go with it: all or nothing.
      await data.transaction((tx) => tx.articles.delete(current.id));
    },

    async favorite(userId: number, slug: string): Promise<ArticleView> {
      const { id } = await existing(slug);
      await data.transaction(async (tx) => {
        // Only a new favorite moves the counter, so favoriting twice (or racing) cannot overcount.
        if (await tx.favorites.add(userId, id)) await tx.articles.adjustFavoritesCount(id, 1);
      });
      return show(userId, await data.articles.byId(id));
    },

    async unfavorite(userId: number, slug: string): Promise<ArticleView> {
      const { id } = await existing(slug);
      await data.transaction(async (tx) => {
        if (await tx.favorites.remove(userId, id)) await tx.articles.adjustFavoritesCount(id, -1);
      });
      return show(userId, await data.articles.byId(id));
    },

    tags: (): Promise<string[]> => data.tags.popular(),
  };
}

export type ArticlesService = ReturnType<typeof createArticlesService>;
export type { ArticleSummaryView };
