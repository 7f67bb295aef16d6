import type { Page } from '@journey/conduit-rules';
import { type ArticleFilter, articlesMatching, popularTagNames } from '@journey/conduit-sql/articles';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { ArticleListing, ArticleRecord } from './api.js';
import type { ArticlesTables } from './articles.migrations.js';

/** Which articles a list shows. Ids come from identity and profiles, resolved by the caller. */
export type { ArticleFilter };

type Eb = ExpressionBuilder<ArticlesTables & { a: ArticlesTables['articles'] }, 'a'>;

const favoritedBy = (eb: Eb, viewerId: number | null) =>
  viewerId === null
    ? sql<boolean>`${sql.lit(false)}`.as('favorited')
    : eb
        .exists(
          eb
            .selectFrom('favorites as v')
            .whereRef('v.article_id', '=', 'a.id')
            .where('v.user_id', '=', viewerId)
            .select(sql.lit(1).as('one')),
        )
        .as('favorited');

const listingColumns = (viewerId: number | null) => (eb: Eb) => [
  'a.id' as const,
  'a.slug' as const,
  'a.title' as const,
  'a.description' as const,
  'a.author_id' as const,
  'a.created_at' as const,
  'a.updated_at' as const,
  'a.favorites_count' as const,
  'a.tag_list' as const,
  favoritedBy(eb, viewerId),
];

interface ListingRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  author_id: number;
  created_at: string;
  updated_at: string;
  favorites_count: number;
  tag_list: string;
  favorited: number | boolean;
}

const toListing = (row: ListingRow): ArticleListing => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  tagList: JSON.parse(row.tag_list) as string[],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  favorited: Boolean(row.favorited),
  favoritesCount: Number(row.favorites_count),
  authorId: row.author_id,
});

export function createArticleQueries(db: Kysely<ArticlesTables>) {
  const filtered = (filter: ArticleFilter) => articlesMatching(db, filter);
  // A bare count(*), not cast: SQLite answers `count(*)` of a whole table from the B-tree's page counts
  // but scans every row once it is wrapped in an expression. PostgreSQL's bigint arrives as a string.
  const count = (filter: ArticleFilter) => filtered(filter).select((eb) => eb.fn.countAll().as('n'));

  return {
    /**
     * Newest first; the id breaks ties between articles created in the same millisecond. One statement:
     * the total rides along as a scalar subquery (both databases evaluate it once, not per row).
     */
    async page(viewerId: number | null, filter: ArticleFilter, page: Page) {
      const rows = (await filtered(filter)
        .select(listingColumns(viewerId))
        .select(() => count(filter).as('total'))
        .orderBy('a.id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute()) as Array<ListingRow & { total: number | string | bigint }>;
      const articles = rows.map(toListing);
      if (rows.length > 0) return { articles, articlesCount: Number(rows[0]!.total) };
      // A page past the end has no row to carry the total, so only then is it counted on its own.
      if (page.offset === 0) return { articles, articlesCount: 0 };
      const { n } = await count(filter).executeTakeFirstOrThrow();
      return { articles, articlesCount: Number(n) };
    },

    async bySlug(viewerId: number | null, slug: string): Promise<ArticleRecord | undefined> {
      const row = await db
        .selectFrom('articles as a')
        .select(listingColumns(viewerId))
        .select('a.body')
        .where('a.slug', '=', slug)
        .executeTakeFirst();
      return row && { ...toListing(row as ListingRow), body: row.body };
    },

    /** Every tag in use, most used first. */
    popularTags: (): Promise<string[]> => popularTagNames(db),
  };
}

export type ArticleQueries = ReturnType<typeof createArticleQueries>;
