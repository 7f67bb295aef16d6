import { isWellFormedSlug, NotFound } from '@journey/conduit-rules';
import { deleteFavorite, insertFavorite, moveFavoritesCount } from '@journey/conduit-sql/articles';
import type { Article } from '@journey/contract';
import type { FunctionDatabase } from '../../core/database.js';
import { articleBySlug, articleView } from '../shared/articles.js';

/**
 * Only a row that really went in (or out) moves the counter, in the same transaction, so favoriting
 * twice or racing cannot miscount.
 */
async function toggle(
  database: FunctionDatabase,
  userId: number,
  slug: string,
  favorite: boolean,
): Promise<{ article: Article }> {
  const found = isWellFormedSlug(slug) ? await articleBySlug(database.db, slug) : undefined;
  if (!found) throw new NotFound('article');
  await database.transaction(async (tx) => {
    const changed = favorite
      ? await insertFavorite(tx, userId, found.id)
      : await deleteFavorite(tx, userId, found.id);
    if (changed) await moveFavoritesCount(tx, found.id, favorite ? 1 : -1);
  });
  // Read again: the count moved, and a delete racing this one makes it a 404.
  const row = await articleBySlug(database.db, found.slug);
  if (!row) throw new NotFound('article');
  return { article: await articleView(database.db, userId, row) };
}

export const favorite = (database: FunctionDatabase, userId: number, slug: string) =>
  toggle(database, userId, slug, true);

export const unfavorite = (database: FunctionDatabase, userId: number, slug: string) =>
  toggle(database, userId, slug, false);
