import { compiledOnce } from '@journey/conduit-sql';
import type { Kysely } from 'kysely';
import { defineProjection } from './projection.js';

export interface TagPopularityTables {
  /** How many live articles carry each tag; a tag leaves when its last article does. */
  tag_popularity: { tag: string; articles: number };
}

/** Every publish with tags runs it; compiled once per tag count, not per event. */
const countIn = compiledOnce((tx: Kysely<TagPopularityTables>, published: { tags: readonly string[] }) =>
  tx
    .insertInto('tag_popularity')
    .values(published.tags.map((tag) => ({ tag, articles: 1 })))
    .onConflict((oc) =>
      oc.column('tag').doUpdateSet((eb) => ({ articles: eb('tag_popularity.articles', '+', 1) })),
    ),
);

/** `GET /tags` as a counter kept on write, so listing tags never scans the articles. */
export const tagPopularityProjection = defineProjection<TagPopularityTables>({
  name: 'tag popularity',
  types: ['ArticlePublished', 'ArticleDeleted'],
  tables: ['tag_popularity'],

  async createTables(db: Kysely<unknown>) {
    await db.schema
      .createTable('tag_popularity')
      .addColumn('tag', 'text', (c) => c.primaryKey())
      .addColumn('articles', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('tag_popularity_rank_idx')
      .on('tag_popularity')
      .columns(['articles', 'tag'])
      .execute();
  },

  async apply(event, tx) {
    switch (event.type) {
      case 'ArticlePublished': {
        const tags = [...new Set(event.payload.tagList)];
        if (tags.length === 0) return;
        await countIn(tx, { tags });
        return;
      }
      case 'ArticleDeleted': {
        // The event names the tags, so counting down needs no copy of what was published.
        const tags = [...new Set(event.payload.tagList)];
        if (tags.length === 0) return;
        await tx
          .updateTable('tag_popularity')
          .set((eb) => ({ articles: eb('articles', '-', 1) }))
          .where('tag', 'in', tags)
          .execute();
        await tx.deleteFrom('tag_popularity').where('tag', 'in', tags).where('articles', '<=', 0).execute();
        return;
      }
    }
  },
});
