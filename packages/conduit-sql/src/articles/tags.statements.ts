import type { Kysely } from 'kysely';
import { narrow } from '../narrow.js';
import type { ArticlesTables } from './articles.tables.js';

/** Links an article to its tags, creating the tags that are new; run it in the article's transaction. */
export async function linkTags<DB extends ArticlesTables>(
  connection: Kysely<DB>,
  articleId: number,
  names: readonly string[],
): Promise<void> {
  const db = narrow<ArticlesTables>(connection);
  if (names.length === 0) return;
  await db
    .insertInto('tags')
    .values(names.map((name) => ({ name })))
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const tags = await db.selectFrom('tags').select('id').where('name', 'in', names).execute();
  await db
    .insertInto('article_tags')
    .values(tags.map((tag) => ({ article_id: articleId, tag_id: tag.id })))
    .execute();
}

/** Every tag in use, most used first, then by name. */
export async function popularTagNames<DB extends ArticlesTables>(connection: Kysely<DB>): Promise<string[]> {
  const db = narrow<ArticlesTables>(connection);
  const rows = await db
    .selectFrom('tags as t')
    .innerJoin('article_tags as at', 'at.tag_id', 't.id')
    .select('t.name')
    .groupBy(['t.id', 't.name'])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('t.name')
    .execute();
  return rows.map((r) => r.name);
}
