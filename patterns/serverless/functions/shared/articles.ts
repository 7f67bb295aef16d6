import type { Page } from '@journey/conduit-rules';
import {
  ARTICLE_SUMMARY_COLUMNS,
  type ArticleFilter,
  articlesMatching,
  favoritedAmong,
} from '@journey/conduit-sql/articles';
import type { ConduitDatabase } from '@journey/conduit-sql/schema';
import type { Article, ArticleSummary } from '@journey/contract';
import type { Kysely } from 'kysely';
import { authorIn, profilesOf } from './profiles.js';

export interface SummaryRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  author_id: number;
  created_at: string;
  updated_at: string;
  favorites_count: number;
  tag_list: string;
}

export interface ArticleRow extends SummaryRow {
  body: string;
}

/** Rows as `viewerId` sees them, with authors and `favorited` for the whole page in two queries. */
export async function articleSummaries(
  db: Kysely<ConduitDatabase>,
  viewerId: number | null,
  rows: readonly SummaryRow[],
): Promise<ArticleSummary[]> {
  const [authors, favorited] = await Promise.all([
    profilesOf(
      db,
      viewerId,
      rows.map((row) => row.author_id),
    ),
    viewerId === null
      ? new Set<number>()
      : favoritedAmong(
          db,
          viewerId,
          rows.map((row) => row.id),
        ),
  ]);
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    description: row.description,
    tagList: JSON.parse(row.tag_list) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    favorited: favorited.has(row.id),
    favoritesCount: Number(row.favorites_count),
    author: authorIn(authors, row.author_id, `article ${row.id}`),
  }));
}

export async function articleView(
  db: Kysely<ConduitDatabase>,
  viewerId: number | null,
  row: ArticleRow,
): Promise<Article> {
  const [summary] = await articleSummaries(db, viewerId, [row]);
  return { ...(summary as ArticleSummary), body: row.body };
}

/** The article with this slug, body included; undefined when there is none. */
export const articleBySlug = (db: Kysely<ConduitDatabase>, slug: string): Promise<ArticleRow | undefined> =>
  db
    .selectFrom('articles as a')
    .select(ARTICLE_SUMMARY_COLUMNS)
    .select('a.body')
    .where('a.slug', '=', slug)
    .executeTakeFirst();

export interface ArticlePage {
  articles: ArticleSummary[];
  articlesCount: number;
}

/** A page of the articles that pass `filter`, newest first, without bodies, and how many pass in all. */
export async function articlePage(
  db: Kysely<ConduitDatabase>,
  viewerId: number | null,
  filter: ArticleFilter,
  { limit, offset }: Page,
): Promise<ArticlePage> {
  const [rows, count] = await Promise.all([
    articlesMatching(db, filter)
      .select(ARTICLE_SUMMARY_COLUMNS)
      .orderBy('a.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    articlesMatching(db, filter)
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { articles: await articleSummaries(db, viewerId, rows), articlesCount: Number(count.n) };
}
