import type { Page } from '@journey/conduit-rules';
import type { Article, ArticleSummary } from '@journey/contract';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { ViewsDatabaseTables } from '../views.tables.js';
import {
  type AuthorRow,
  authorColumns,
  followedByViewer,
  toProfile,
  type WithAuthor,
} from './author-profile.js';

/** The Conduit list filters; `author` and `favorited` are usernames. */
export interface ArticleFilter {
  tag?: string;
  author?: string;
  favorited?: string;
}

type Joined = WithAuthor & { a: ViewsDatabaseTables['articles'] };
type Eb = ExpressionBuilder<Joined, 'a' | 'u'>;

const favoritedByViewer = (eb: Eb, viewerId: number | null) =>
  viewerId === null
    ? sql<boolean>`${sql.lit(false)}`.as('favorited')
    : eb
        .exists(
          eb
            .selectFrom('favorites as v')
            .whereRef('v.article_id', '=', 'a.article_id')
            .where('v.user_id', '=', viewerId)
            .select(sql.lit(1).as('one')),
        )
        .as('favorited');

const summaryColumns = (viewerId: number | null) => (eb: Eb) => [
  'a.article_id' as const,
  'a.slug' as const,
  'a.title' as const,
  'a.description' as const,
  'a.tag_list' as const,
  'a.created_at' as const,
  'a.updated_at' as const,
  'a.favorites_count' as const,
  ...authorColumns,
  favoritedByViewer(eb, viewerId),
  followedByViewer(eb, viewerId),
];

interface SummaryRow extends AuthorRow {
  slug: string;
  title: string;
  description: string;
  tag_list: string;
  created_at: string;
  updated_at: string;
  favorites_count: number | string;
  favorited: number | boolean;
}

const toSummary = (row: SummaryRow): ArticleSummary => ({
  slug: row.slug,
  title: row.title,
  description: row.description,
  tagList: JSON.parse(row.tag_list) as string[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  favorited: Boolean(row.favorited),
  favoritesCount: Number(row.favorites_count),
  author: toProfile(row),
});

/**
 * pattern: queries join projections at read time. `article views` holds the article, `profiles` the
 * author and who follows whom; an article whose author's UserRegistered has not arrived yet is not
 * shown (inner join), rather than shown without an author.
 */
export function createArticleQueries(db: Kysely<ViewsDatabaseTables>) {
  const articlesWithAuthor = () =>
    db.selectFrom('articles as a').innerJoin('users as u', 'u.user_id', 'a.author_id');

  const matching = (filter: ArticleFilter) => {
    let query = articlesWithAuthor();
    if (filter.author !== undefined) query = query.where('u.username', '=', filter.author);
    if (filter.tag !== undefined) {
      const tag = filter.tag;
      query = query.where('a.article_id', 'in', (eb) =>
        eb.selectFrom('article_tags as t').where('t.tag', '=', tag).select('t.article_id'),
      );
    }
    if (filter.favorited !== undefined) {
      const username = filter.favorited;
      query = query.where('a.article_id', 'in', (eb) =>
        eb
          .selectFrom('favorites as fv')
          .innerJoin('users as fu', 'fu.user_id', 'fv.user_id')
          .where('fu.username', '=', username)
          .select('fv.article_id'),
      );
    }
    return query;
  };

  const feedOf = (readerId: number) =>
    db
      .selectFrom('feed_entries as fe')
      .innerJoin('articles as a', 'a.article_id', 'fe.article_id')
      .innerJoin('users as u', 'u.user_id', 'a.author_id')
      .where('fe.reader_id', '=', readerId);

  return {
    /** Newest first, like every pattern (article ids are the owner's, given in publish order). */
    async page(viewerId: number | null, filter: ArticleFilter, page: Page) {
      const [rows, total] = await Promise.all([
        matching(filter)
          .select(summaryColumns(viewerId))
          .orderBy('a.article_id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        matching(filter)
          .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { articles: (rows as SummaryRow[]).map(toSummary), articlesCount: Number(total.n) };
    },

    /** The reader's feed: one range of its fanned-out entries, newest first. */
    async feed(readerId: number, page: Page) {
      const [rows, total] = await Promise.all([
        feedOf(readerId)
          .select(summaryColumns(readerId))
          .orderBy('fe.created_at', 'desc')
          .orderBy('fe.article_id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        feedOf(readerId)
          .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        articles: (rows as SummaryRow[]).map(toSummary),
        articlesCount: Number(total.n),
      };
    },

    async bySlug(viewerId: number | null, slug: string): Promise<Article | undefined> {
      const row = await articlesWithAuthor()
        .select(summaryColumns(viewerId))
        .select('a.body')
        .where('a.slug', '=', slug)
        // Two rows share a slug only while a rename and a delete are both in flight: take the newer.
        .orderBy('a.article_id', 'desc')
        .executeTakeFirst();
      return row && { ...toSummary(row as SummaryRow), body: row.body };
    },

    async idOf(slug: string): Promise<number | undefined> {
      const row = await db
        .selectFrom('articles')
        .select('article_id')
        .where('slug', '=', slug)
        .orderBy('article_id', 'desc')
        .executeTakeFirst();
      return row?.article_id;
    },

    /** Every tag on a live article, most used first, then by name. */
    async tags(): Promise<string[]> {
      const rows = await db
        .selectFrom('tag_popularity')
        .select('tag')
        .where('articles', '>', 0)
        .orderBy('articles', 'desc')
        .orderBy('tag')
        .execute();
      return rows.map((row) => row.tag);
    },
  };
}

export type ArticleQueries = ReturnType<typeof createArticleQueries>;
