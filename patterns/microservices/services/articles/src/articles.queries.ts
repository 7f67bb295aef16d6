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

  return {
    /** Newest first; the id breaks ties between articles created in the same millisecond. */
    async page(viewerId: number | null, filter: ArticleFilter, page: Page) {
      const [rows, total] = await Promise.all([
        filtered(filter)
          .select(listingColumns(viewerId))
          .orderBy('a.id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        filtered(filter)
          .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { articles: (rows as ListingRow[]).map(toListing), articlesCount: Number(total.n) };
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
