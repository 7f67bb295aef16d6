import type { Page } from '@journey/conduit-rules';
import { compiledOnce } from '@journey/conduit-sql';
import {
  type ArticleFilter,
  type ArticlesTables,
  articlesMatching,
  popularTagNames,
} from '@journey/conduit-sql/articles';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';

type Eb = ExpressionBuilder<ArticlesTables & { a: ArticlesTables['articles'] }, 'a'>;

/** Ids are resolved by the caller through other modules' public APIs. */
export type { ArticleFilter };

export interface ArticleRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  body?: string;
  author_id: number;
  created_at: string;
  updated_at: string;
  favorites_count: number;
  favorited: number | boolean;
  /** JSON array text, sorted when written. */
  tag_list: string;
}

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

// A bare count(*), not cast: SQLite answers `count(*)` of a whole table from the B-tree's page counts
// (about 4 µs for 2,000 articles) but scans every row once it is wrapped in an expression (~250 µs).
// PostgreSQL's bigint arrives as a string; callers take Number() of it.
const count = (db: Kysely<ArticlesTables>, filter: ArticleFilter) =>
  articlesMatching(db, filter).select((eb) => eb.fn.countAll().as('n'));

const summaryColumns = (viewerId: number | null) => (eb: Eb) => [
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

/**
 * Newest first; the id breaks ties between articles created in the same millisecond. One statement:
 * the total rides along as a scalar subquery (SQLite and PostgreSQL evaluate it once, not per row).
 */
const pageWithTotal = compiledOnce((db: Kysely<ArticlesTables>, args: PageArgs) => {
  const filter = filterOf(args);
  return articlesMatching(db, filter)
    .select(summaryColumns(args.viewerId))
    .select(() => count(db, filter).as('total'))
    .orderBy('a.id', 'desc')
    .limit(args.limit)
    .offset(args.offset);
});

const bySlug = compiledOnce(
  (db: Kysely<ArticlesTables>, { viewerId, slug }: { viewerId: number | null; slug: string }) =>
    db
      .selectFrom('articles as a')
      .select(summaryColumns(viewerId))
      .select('a.body')
      .where('a.slug', '=', slug),
);

export function createArticleQueries(db: Kysely<ArticlesTables>) {
  return {
    async page(viewerId: number | null, filter: ArticleFilter, page: Page) {
      const args: PageArgs = {
        viewerId,
        authorIds: filter.authorIds,
        tag: filter.tag,
        favoritedBy: filter.favoritedBy,
        limit: page.limit,
        offset: page.offset,
      };
      const rows = (await pageWithTotal(db, args)).rows as Array<
        ArticleRow & { total: number | string | bigint }
      >;
      if (rows.length > 0) return { rows, total: Number(rows[0]!.total) };
      // A page past the end has no row to carry the total, so only then is it counted on its own.
      if (page.offset === 0) return { rows, total: 0 };
      const { n } = await count(db, filter).executeTakeFirstOrThrow();
      return { rows, total: Number(n) };
    },

    async bySlug(viewerId: number | null, slug: string): Promise<ArticleRow | undefined> {
      const [row] = (await bySlug(db, { viewerId, slug })).rows;
      return row as ArticleRow | undefined;
    },

    popularTags: () => popularTagNames(db),
  };
}

/** A page's arguments, flat, as `compiledOnce` binds them. */
interface PageArgs {
  [name: string]: number | string | null | undefined | readonly number[];
  viewerId: number | null;
  authorIds: readonly number[] | undefined;
  tag: string | undefined;
  favoritedBy: number | undefined;
  limit: number;
  offset: number;
}

const filterOf = ({ authorIds, tag, favoritedBy }: PageArgs): ArticleFilter => ({
  ...(authorIds !== undefined && { authorIds }),
  ...(tag !== undefined && { tag }),
  ...(favoritedBy !== undefined && { favoritedBy }),
});

export type ArticleQueries = ReturnType<typeof createArticleQueries>;
