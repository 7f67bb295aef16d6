import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface FavoriteRepository {
  /** True only when a new row went in: favoriting twice, or racing, adds nothing. */
  add(userId: number, articleId: number): Promise<boolean>;
  /** True only when a row was really there. */
  remove(userId: number, articleId: number): Promise<boolean>;
  favoritedAmong(userId: number, articleIds: readonly number[]): Promise<Set<number>>;
}

export function favoriteRepository(db: Kysely<Database>): FavoriteRepository {
  return {
    async add(userId, articleId) {
      const result = await db
        .insertInto('favorites')
        .values({ user_id: userId, article_id: articleId })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async remove(userId, articleId) {
      const result = await db
        .deleteFrom('favorites')
        .where('user_id', '=', userId)
        .where('article_id', '=', articleId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async favoritedAmong(userId, articleIds) {
      if (articleIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('favorites')
        .select('article_id')
        .where('user_id', '=', userId)
        .where('article_id', 'in', [...new Set(articleIds)])
        .execute();
      return new Set(rows.map((r) => r.article_id));
    },
  };
}
