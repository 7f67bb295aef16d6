import type { Kysely } from 'kysely';
import { narrow } from '../narrow.js';
import type { ArticlesTables } from './articles.tables.js';

// The favorite statements every single-database pattern runs word for word. Which transaction they
// share, and who decides to move the counter, stays each pattern's own (ADR 4 keeps the two together).

/** True only when a new row went in: favoriting twice, or racing, adds nothing. */
export async function insertFavorite<DB extends ArticlesTables>(
  connection: Kysely<DB>,
  userId: number,
  articleId: number,
): Promise<boolean> {
  const db = narrow<ArticlesTables>(connection);
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
