import type { ConduitHandlers } from '@journey/conduit-http';
import { parsePage } from '@journey/conduit-rules';
import type { ListArticlesQuery } from '@journey/contract';
import type { ArticleListing, ArticleRecord } from '@journey/microservices-articles/api';
import { authorsOf, viewerAsAuthor } from '../authors.js';
import type { ArticleQuery } from '../clients/articles.client.js';
import type { Clients } from '../clients/index.js';
import { toArticle } from '../compose.js';
import { forwarded } from '../forwarded.js';

type ArticleOperations =
  | 'GetArticlesFeed'
  | 'GetArticles'
  | 'CreateArticle'
  | 'GetArticle'
  | 'UpdateArticle'
  | 'DeleteArticle'
  | 'CreateArticleFavorite'
  | 'DeleteArticleFavorite'
  | 'GetTags';

const NOTHING = { articles: [], articlesCount: 0 };

export function articlesHandlers(clients: Clients): ConduitHandlers<ArticleOperations> {
  const { articles, identity, profiles } = clients;

  /** Articles from the articles service, then their authors in one batch: two hops, however long the page. */
  async function withAuthors<R extends ArticleListing | ArticleRecord>(
    viewerId: number | null,
    records: R[],
    followees?: ReadonlySet<number>,
  ) {
    const authors = await authorsOf(
      clients,
      viewerId,
      records.map((a) => a.authorId),
      followees,
    );
    return records.map((record) => toArticle(record, authors));
  }

  const single = async (viewerId: number | null, record: Promise<ArticleRecord>) => ({
    article: (await withAuthors(viewerId, [await record]))[0]!,
  });

  /**
   * A write by its author: the author's card is read before the write, so once the article is saved
   * nothing after it can fail the answer (see viewerAsAuthor).
   */
  async function writtenByViewer(viewerId: number, write: () => Promise<ArticleRecord>) {
    const author = await viewerAsAuthor(clients, viewerId);
    return { article: toArticle(await write(), author) };
  }

  async function list(viewerId: number | null, query: ArticleQuery, followees?: ReadonlySet<number>) {
    const page = await articles.list(viewerId, query);
    return {
      articles: await withAuthors(viewerId, page.articles, followees),
      articlesCount: page.articlesCount,
    };
  }

  /** `?author=` and `?favorited=` name users; identity turns both names into ids in a single call. */
  async function filterOf(query: ListArticlesQuery): Promise<ArticleQuery | null> {
    const filter: ArticleQuery = parsePage(query);
    if (query.tag !== undefined) filter.tag = query.tag;
    const names = [query.author, query.favorited].filter((name): name is string => name !== undefined);
    const users = await identity.byUsernames(names);
    if (query.author !== undefined) {
      const author = users.get(query.author);
      if (!author) return null;
      filter.authorIds = [author.id];
    }
    if (query.favorited !== undefined) {
      const fan = users.get(query.favorited);
      if (!fan) return null;
      filter.favoritedBy = fan.id;
    }
    return filter;
  }

  return {
    GetArticlesFeed: async ({ viewerId, query }) => {
      const page = parsePage(query);
      const followed = await profiles.followees(viewerId);
      if (followed.length === 0) return NOTHING;
      // Every author of the feed is one the viewer follows: their flags are known already.
      return list(viewerId, { ...page, authorIds: followed }, new Set(followed));
    },
    GetArticles: async ({ viewerId, query }) => {
      const filter = await filterOf(query);
      return filter ? list(viewerId, filter) : NOTHING;
    },
    CreateArticle: ({ viewerId, body }) =>
      writtenByViewer(viewerId, () => articles.create(viewerId, forwarded.newArticle(body.article))),
    GetArticle: ({ viewerId, params }) => single(viewerId, articles.get(viewerId, params.slug)),
    UpdateArticle: ({ viewerId, params, body }) =>
      writtenByViewer(viewerId, () =>
        articles.update(viewerId, params.slug, forwarded.articleChanges(body.article)),
      ),
    DeleteArticle: ({ viewerId, params }) => articles.remove(viewerId, params.slug),
    CreateArticleFavorite: ({ viewerId, params }) =>
      single(viewerId, articles.favorite(viewerId, params.slug)),
    DeleteArticleFavorite: ({ viewerId, params }) =>
      single(viewerId, articles.unfavorite(viewerId, params.slug)),
    GetTags: async () => ({ tags: await articles.tags() }),
  };
}
