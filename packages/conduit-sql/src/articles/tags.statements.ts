import type { Kysely } from 'kysely';
import { narrow } from '../narrow.js';
import type { ArticlesTables } from './articles.tables.js';

/**
 * Links an article to its tags, creating the tags that are new; run it in the article's transaction.
 * Two statements whatever the number of tags. On PostgreSQL, two transactions that take the same locks
 * in opposite orders deadlock, so both statements go in one order: new tags by name (two publishes
 * creating the same tags wait on the same unique-index entry first), links from the tags' rows by id
 * (so they lock the counters of articles-002 in id order). That covers two publishes; a deleted
 * article's cascaded links update counters in scan order, so a delete racing a publish can still
 * deadlock, and PostgreSQL aborts one of the two.
 */
export async function linkTags<DB extends ArticlesTables>(
  connection: Kysely<DB>,
  articleId: number,
  names: readonly string[],
): Promise<void> {
  const db = narrow<ArticlesTables>(connection);
  if (names.length === 0) return;
  const inOrder = [...new Set(names)].sort();
  await db
    .insertInto('tags')
    .values(inOrder.map((name) => ({ name })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  await db
    .insertInto('article_tags')
    .columns(['article_id', 'tag_id'])
    .expression(
      db
        .selectFrom('tags')
        .select((eb) => [eb.cast<number>(eb.val(articleId), 'integer').as('article_id'), 'id'])
        .where('name', 'in', inOrder)
        .orderBy('id'),
    )
    .execute();
}

/** Every tag in use, most used first, then by name: read in order from the counted tags' index. */
export async function popularTagNames<DB extends ArticlesTables>(connection: Kysely<DB>): Promise<string[]> {
  const db = narrow<ArticlesTables>(connection);
  const rows = await db
    .selectFrom('tags')
    .select('name')
    .where('articles_count', '>', 0)
    .orderBy('articles_count', 'desc')
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
}
