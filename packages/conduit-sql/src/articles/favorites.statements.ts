import type { Kysely } from 'kysely';
import { narrow } from '../narrow.js';
import type { ArticlesTables } from './articles.tables.js';

// The favorite statements every single-database pattern runs word for word. Which transaction they
// share, and who decides to move the counter, stays each pattern's own (ADR 4 keeps the two together).

/**
 * Takes the article row's write lock, and says whether the article is still there. A delete locks
 * the article first and then its favorites (ON DELETE CASCADE); a favorite that locked the two in the
 * other order would wait for the delete while the delete waits for it, a deadlock PostgreSQL breaks by
 * failing one of them. In the delete's order the later one waits, then finds the article or not. An
 * UPDATE that changes nothing is the row lock both databases accept (SQLite has no FOR UPDATE and
 * needs none: BEGIN IMMEDIATE already runs one writer at a time). Call it inside the transaction.
 */
async function lockArticle(db: Kysely<ArticlesTables>, articleId: number): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set((eb) => ({ favorites_count: eb.ref('favorites_count') }))
    .where('id', '=', articleId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * True only when a new row went in: favoriting twice, or racing, adds nothing, and neither does an
 * article deleted meanwhile (the caller's next read then says 404).
 */
export async function insertFavorite<DB extends ArticlesTables>(
  connection: Kysely<DB>,
  userId: number,
  articleId: number,
): Promise<boolean> {
  const db = narrow<ArticlesTables>(connection);
  if (!(await lockArticle(db, articleId))) return false;
  const result = await db
    .insertInto('favorites')
    .values({ user_id: userId, article_id: articleId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** True only when a row was really there. */
export async function deleteFavorite<DB extends ArticlesTables>(
  connection: Kysely<DB>,
  userId: number,
  articleId: number,
): Promise<boolean> {
  const db = narrow<ArticlesTables>(connection);
  if (!(await lockArticle(db, articleId))) return false;
  const result = await db
    .deleteFrom('favorites')
    .where('user_id', '=', userId)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One UPDATE … SET n = n + 1: the database serialises it, where a read-then-write would lose updates. */
export async function moveFavoritesCount<DB extends ArticlesTables>(
  connection: Kysely<DB>,
  articleId: number,
  delta: 1 | -1,
): Promise<void> {
  const db = narrow<ArticlesTables>(connection);
  await db
    .updateTable('articles')
    .set((eb) => ({ favorites_count: eb('favorites_count', '+', delta) }))
    .where('id', '=', articleId)
    .execute();
}

/** Which of `articleIds` the user has favorited: one query. */
export async function favoritedAmong<DB extends ArticlesTables>(
  connection: Kysely<DB>,
  userId: number,
  articleIds: readonly number[],
): Promise<Set<number>> {
  const db = narrow<ArticlesTables>(connection);
  if (articleIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('favorites')
    .select('article_id')
    .where('user_id', '=', userId)
    .where('article_id', 'in', [...new Set(articleIds)])
    .execute();
  return new Set(rows.map((r) => r.article_id));
}
