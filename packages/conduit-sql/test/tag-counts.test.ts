import { DATABASE_CHOICES, provisionDatabase } from '@journey/provisioning';
import { postgres } from '@journey/testkit';
import { describe, expect, it } from 'vitest';
import { type ArticlesTables, articlesMigrations, linkTags, popularTagNames } from '../src/articles/index.js';
import type { TableMigrations } from '../src/migrate.js';
import { openMigratedDatabase } from '../src/migrated-database.js';

// The articles group as a database created before the tag counts: its first migration only.
const beforeCounts: TableMigrations = (dialect) => {
  const { 'articles-001-create': create } = articlesMigrations(dialect);
  return { 'articles-001-create': create! };
};

const server = await postgres();

describe.each(DATABASE_CHOICES)('the tag cloud on %s', (choice) => {
  const skip = choice === 'postgres' && !server.available;

  async function withFreshDatabase(work: (url: string) => Promise<void>) {
    const provisioned = await provisionDatabase('conduit-sql', 'tag-counts-test', choice, { fresh: true });
    try {
      await work(provisioned.url);
    } finally {
      await provisioned.dispose();
    }
  }

  async function publish(
    database: Awaited<ReturnType<typeof openMigratedDatabase<ArticlesTables>>>,
    slug: string,
    tags: string[],
  ) {
    return database.transaction(async (tx) => {
      const { id } = await tx
        .insertInto('articles')
        .values({
          slug,
          title: slug,
          description: '',
          body: '',
          author_id: 1,
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
          tag_list: JSON.stringify(tags),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await linkTags(tx, id, tags);
      return id;
    });
  }

  it.skipIf(skip)(
    'when articles are published and deleted, then the tags come most used first, then by name, and unused ones go',
    async () => {
      await withFreshDatabase(async (url) => {
        const database = await openMigratedDatabase<ArticlesTables>(url, [articlesMigrations]);
        await publish(database, 'one', ['zebra', 'apple']);
        const second = await publish(database, 'two', ['zebra', 'mango']);
        await publish(database, 'three', ['zebra', 'mango', 'kiwi']);
        expect(await popularTagNames(database.db)).toEqual(['zebra', 'mango', 'apple', 'kiwi']);

        // ON DELETE CASCADE takes the links; the counts follow them.
        await database.db.deleteFrom('articles').where('id', '=', second).execute();
        await database.db.deleteFrom('articles').where('slug', '=', 'three').execute();
        expect(await popularTagNames(database.db)).toEqual(['apple', 'zebra']);
        await database.close();
      });
    },
  );

  it.skipIf(skip)(
    'when a database from before the counts is migrated, then its existing links are counted',
    async () => {
      await withFreshDatabase(async (url) => {
        const old = await openMigratedDatabase<ArticlesTables>(url, [beforeCounts]);
        for (const [slug, tags] of [
          ['one', ['b', 'a']],
          ['two', ['b']],
        ] as const) {
          await old.transaction(async (tx) => {
            const { id } = await tx
              .insertInto('articles')
              .values({
                slug,
                title: slug,
                description: '',
                body: '',
                author_id: 1,
                created_at: '2026-01-01T00:00:00.000Z',
                updated_at: '2026-01-01T00:00:00.000Z',
                tag_list: '[]',
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            for (const name of tags) {
              const tag = await tx
                .insertInto('tags')
                .values({ name })
                .onConflict((oc) => oc.column('name').doUpdateSet({ name }))
                .returning('id')
                .executeTakeFirstOrThrow();
              await tx.insertInto('article_tags').values({ article_id: id, tag_id: tag.id }).execute();
            }
          });
        }
        await old.close();

        const migrated = await openMigratedDatabase<ArticlesTables>(url, [articlesMigrations]);
        expect(
          await migrated.db.selectFrom('tags').select(['name', 'articles_count']).orderBy('name').execute(),
        ).toEqual([
          { name: 'a', articles_count: 1 },
          { name: 'b', articles_count: 2 },
        ]);
        expect(await popularTagNames(migrated.db)).toEqual(['b', 'a']);
        await migrated.close();
      });
    },
  );
});
