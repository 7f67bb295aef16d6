import type { Page } from '@journey/conduit-rules';
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

export function createArticleQueries(db: Kysely<ArticlesTables>) {
  const filtered = (filter: ArticleFilter) => articlesMatching(db, filter);

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

  return {
    /** Newest first; the id breaks ties between articles created in the same millisecond. */
    async page(viewerId: number | null, filter: ArticleFilter, page: Page) {
      const [rows, total] = await Promise.all([
        filtered(filter)
          .select(summaryColumns(viewerId))
          .orderBy('a.id', 'desc')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        filtered(filter)
          .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows: rows as ArticleRow[], total: Number(total.n) };
    },

    async bySlug(viewerId: number | null, slug: string): Promise<ArticleRow | undefined> {
      const row = await db
        .selectFrom('articles as a')
        .select(summaryColumns(viewerId))
        .select('a.body')
        .where('a.slug', '=', slug)
        .executeTakeFirst();
      return row as ArticleRow | undefined;
    },

    popularTags: () => popularTagNames(db),
  };
}

export type ArticleQueries = ReturnType<typeof createArticleQueries>;
