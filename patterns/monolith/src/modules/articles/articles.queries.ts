import type { Page } from '@journey/conduit-rules';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { ArticlesTables } from './articles.tables.js';

type Eb = ExpressionBuilder<ArticlesTables & { a: ArticlesTables['articles'] }, 'a'>;

/** Which articles a list shows; ids are resolved by the caller through other modules' public APIs. */
export interface ArticleFilter {
  authorIds?: readonly number[];
  tagName?: string;
  favoritedBy?: number;
}

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
  const filtered = (filter: ArticleFilter) => {
    let query = db.selectFrom('articles as a');
    if (filter.authorIds)
      query = query.where('a.author_id', 'in', filter.authorIds.length ? filter.authorIds : [-1]);
    if (filter.tagName !== undefined) {
      const tagName = filter.tagName;
      query = query.where('a.id', 'in', (eb) =>
        eb
          .selectFrom('article_tags as at')
          .innerJoin('tags as t', 't.id', 'at.tag_id')
          .where('t.name', '=', tagName)
          .select('at.article_id'),
      );
    }
    if (filter.favoritedBy !== undefined) {
      const userId = filter.favoritedBy;
      query = query.where('a.id', 'in', (eb) =>
        eb.selectFrom('favorites as fb').where('fb.user_id', '=', userId).select('fb.article_id'),
      );
    }
    return query;
  };

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

    /** Every tag in use, most used first. */
    async popularTags(): Promise<string[]> {
      const rows = await db
        .selectFrom('tags as t')
        .innerJoin('article_tags as at', 'at.tag_id', 't.id')
        .select('t.name')
        .groupBy(['t.id', 't.name'])
        .orderBy((eb) => eb.fn.countAll(), 'desc')
        .orderBy('t.name')
        .execute();
      return rows.map((r) => r.name);
    },
  };
}

export type ArticleQueries = ReturnType<typeof createArticleQueries>;
