import type { Kysely } from 'kysely';
import type { ArticlePublished } from '../../core/event-catalogue.js';
import type { ServerlessDatabase } from '../../core/event-tables.js';

/**
 * One notification row per follower of the article's author, in one statement. The (article,
 * follower) key makes a redelivered event a no-op: the rows it would add are there already. An author
 * nobody follows, or who no longer exists, has no follows rows, so nothing is written.
 */
export async function notifyFollowers(
  db: Kysely<ServerlessDatabase>,
  article: Pick<ArticlePublished, 'articleId' | 'authorId'>,
  at: string,
): Promise<number> {
  const result = await db
    .insertInto('follower_notifications')
    .columns(['article_id', 'follower_id', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('follows')
        // Typed casts: PostgreSQL would take an untyped parameter in a select list for text.
        .select([
          eb.cast<number>(eb.val(article.articleId), 'integer').as('article_id'),
          'follower_id',
          eb.cast<string>(eb.val(at), 'text').as('created_at'),
        ])
        .where('followee_id', '=', article.authorId),
    )
    .onConflict((conflict) => conflict.columns(['article_id', 'follower_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
