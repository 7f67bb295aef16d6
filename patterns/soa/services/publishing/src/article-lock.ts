import type { Id } from '@journey/soa-contracts';
import type { EnterpriseDb } from '@journey/soa-enterprise-data';

/**
 * Takes the article row's write lock inside a write transaction and says whether the article is still
 * there. Comments have no foreign key to articles (ADR 5): without this, a comment added while
 * DeleteArticle runs could commit after the delete took the article's comments, and stay stored, unseen.
 * DeleteArticle deletes the article row first, so one of the two waits for the other: the comment
 * either goes with the article or finds it gone. An UPDATE that changes nothing is the row lock both
 * databases accept (SQLite has no FOR UPDATE, and BEGIN IMMEDIATE already runs one writer at a time).
 */
export async function lockArticle(tx: EnterpriseDb, articleId: Id): Promise<boolean> {
  const result = await tx
    .updateTable('articles')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', articleId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
