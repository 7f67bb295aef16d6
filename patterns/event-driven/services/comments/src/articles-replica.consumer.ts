import type { ServiceConsumer } from '@journey/event-driven-service-kit';
import type { CommentsServiceTables } from './comments.migrations.js';

/**
 * pattern: a replica fed by the owner's facts. Published and Updated both carry the article's id
 * and current slug, so applying either is an upsert. ArticleDeleted ends the article's comments
 * here: the rule "comments go with their article" spans two services, and this is its second half.
 */
export const articlesReplica: ServiceConsumer<CommentsServiceTables> = {
  types: ['ArticlePublished', 'ArticleUpdated', 'ArticleDeleted'],
  async apply(event, tx) {
    switch (event.type) {
      case 'ArticlePublished':
      case 'ArticleUpdated': {
        const { articleId, slug } = event.payload;
        await tx
          .insertInto('articles')
          .values({ id: articleId, slug })
          .onConflict((conflict) => conflict.column('id').doUpdateSet({ slug }))
          .execute();
        return;
      }
      case 'ArticleDeleted': {
        const { articleId } = event.payload;
        // The replica row first: on PostgreSQL this waits for any comment being added to the article
        // (it holds the row in share mode), whose comment the next statement then sees and removes.
        await tx.deleteFrom('articles').where('id', '=', articleId).execute();
        // No CommentDeleted for these: views drops the article's comments on the same ArticleDeleted.
        await tx.deleteFrom('comments').where('article_id', '=', articleId).execute();
        return;
      }
    }
  },
};
