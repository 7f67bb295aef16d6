import { deleteFavorite, insertFavorite, moveFavoritesCount } from '@journey/conduit-sql/articles';
import type { EngagementV1, Id } from '@journey/soa-contracts';
import { articleById, articleRecord, type EnterpriseDb, follows } from '@journey/soa-enterprise-data';
import { type EnterpriseData, requireViewer } from '@journey/soa-service-host';
import { notFound } from './faults.js';
import type { Handler } from './handler.js';

type FavoriteChange = (tx: EnterpriseDb, userId: Id, articleId: Id) => Promise<boolean>;

/** Favorite and Unfavorite: one statement decides, and only a real change moves the counter. */
export function favoriteHandlers(data: EnterpriseData) {
  const changing =
    (change: FavoriteChange, delta: 1 | -1): Handler<EngagementV1['Favorite']> =>
    async ({ slug }, context) => {
      const viewerId = requireViewer(context);
      const record = await articleRecord(data.db, slug);
      if (!record) throw notFound('article', slug);
      // Favoriting twice, or two racing favorites, change one row at most: the counter moves with it.
      await data.transaction(async (tx) => {
        if (await change(tx, viewerId, record.id)) await moveFavoritesCount(tx, record.id, delta);
      });
      const [article, following] = await Promise.all([
        articleById(data.db, record.id, viewerId),
        follows(data.db, viewerId, record.authorId),
      ]);
      // Deleted meanwhile: the change touched nothing, and there is no article to answer.
      if (!article) throw notFound('article', slug);
      // Unlike PublishingService, EngagementService owns follows: its answer needs no composing by the bus.
      return { article: { ...article, author: { ...article.author, following } } };
    };

  return { Favorite: changing(insertFavorite, 1), Unfavorite: changing(deleteFavorite, -1) };
}
