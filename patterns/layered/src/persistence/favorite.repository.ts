import { deleteFavorite, favoritedAmong, insertFavorite } from '@journey/conduit-sql/articles';
import type { ConduitDatabase as Database } from '@journey/conduit-sql/schema';
import type { Kysely } from 'kysely';

export interface FavoriteRepository {
  /** True only when a new row went in: favoriting twice, or racing, adds nothing. */
  add(userId: number, articleId: number): Promise<boolean>;
  /** True only when a row was really there. */
  remove(userId: number, articleId: number): Promise<boolean>;
  favoritedAmong(userId: number, articleIds: readonly number[]): Promise<Set<number>>;
}

export function favoriteRepository(db: Kysely<Database>): FavoriteRepository {
  return {
    add: (userId, articleId) => insertFavorite(db, userId, articleId),
    remove: (userId, articleId) => deleteFavorite(db, userId, articleId),
    favoritedAmong: (userId, articleIds) => favoritedAmong(db, userId, articleIds),
  };
}
