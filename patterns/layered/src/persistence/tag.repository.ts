import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface TagRepository {
  /** Links an article to its tags, creating the tags that are new. */
  attach(articleId: number, names: readonly string[]): Promise<void>;
  /** Every tag in use, most used first. */
  popular(): Promise<string[]>;
}

export function tagRepository(db: Kysely<Database>): TagRepository {
  return {
    async attach(articleId, names) {
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
    },
    async popular() {
      const rows = await db
        .selectFrom('tags as t')
        .innerJoin('article_tags as at', 'at.tag_id', 't.id')
        .select('t.name')
        .groupBy(['t.id', 't.name'])
        .orderBy((eb) => eb.fn.countAll(), 'desc')
        .orderBy('t.name')
        .execute();
      return rows.map((r) => r.name);
    },
  };
}
