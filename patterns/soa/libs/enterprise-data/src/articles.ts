import { ARTICLE_SUMMARY_COLUMNS, favoritedAmong } from '@journey/conduit-sql/articles';
import type { Article, Id } from '@journey/soa-contracts';
import { authorOf, type EnterpriseDb, peopleByIds, profileOf } from './people.js';

/** What a write needs to know about an article before it acts: which row, and whose. */
export interface ArticleRecord {
  id: Id;
  slug: string;
  title: string;
  authorId: Id;
}

export async function articleRecord(db: EnterpriseDb, slug: string): Promise<ArticleRecord | undefined> {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'author_id as authorId'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

export interface ArticleRow {
  id: Id;
  slug: string;
  title: string;
  description: string;
  author_id: Id;
  created_at: string;
  updated_at: string;
  favorites_count: number;
  /** The article's tags as a JSON array: the read copy the articles table keeps (conduit-sql). */
  tag_list: string;
  /** Only when one article is read whole; lists leave it out, as the contract says. */
  body?: string;
}

/**
 * Rows into canonical articles as `viewerId` sees them: the authors in one query and the viewer's
 * favorites in another, however many rows. `author.following` is always false here: who follows whom
 * is answered by the services that own follows, or composed by the bus (see README.md).
 */
export async function canonicalArticles(
  db: EnterpriseDb,
  rows: readonly ArticleRow[],
  viewerId: Id | undefined,
): Promise<Article[]> {
  const ids = rows.map((row) => row.id);
  const [authors, favorited] = await Promise.all([
    peopleByIds(
      db,
      rows.map((row) => row.author_id),
    ),
    viewerId === undefined ? new Set<Id>() : favoritedAmong(db, viewerId, ids),
  ]);
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    description: row.description,
    ...(row.body !== undefined && { body: row.body }),
    tagList: { tag: JSON.parse(row.tag_list) as string[] },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    favorited: favorited.has(row.id),
    // PostgreSQL may hand integers back as strings.
    favoritesCount: Number(row.favorites_count),
    author: profileOf(authorOf(authors, row.author_id, `article ${row.slug}`), false),
  }));
}

async function wholeArticle(
  db: EnterpriseDb,
  where: { column: 'a.id'; value: Id } | { column: 'a.slug'; value: string },
  viewerId: Id | undefined,
): Promise<Article | undefined> {
  const row = await db
    .selectFrom('articles as a')
    .select(ARTICLE_SUMMARY_COLUMNS)
    .select('a.body')
    .where(where.column, '=', where.value)
    .executeTakeFirst();
  if (!row) return undefined;
  const [article] = await canonicalArticles(db, [row], viewerId);
  return article;
}

/** One article with its body, as `viewerId` sees it (anonymous: undefined). */
export const articleBySlug = (db: EnterpriseDb, slug: string, viewerId?: Id) =>
  wholeArticle(db, { column: 'a.slug', value: slug }, viewerId);

export const articleById = (db: EnterpriseDb, id: Id, viewerId?: Id) =>
  wholeArticle(db, { column: 'a.id', value: id }, viewerId);
