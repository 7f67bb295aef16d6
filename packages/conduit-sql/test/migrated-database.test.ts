import { DATABASE_CHOICES, provisionDatabase } from '@journey/provisioning';
import { postgres } from '@journey/testkit';
import { describe, expect, it } from 'vitest';
import type { TableMigrations } from '../src/migrate.js';
import { openMigratedDatabase } from '../src/migrated-database.js';

interface NoteTables {
  notes: { id: number; text: string };
  tags: { note_id: number; tag: string };
}

const notes: TableMigrations = () => ({
  'notes-001-create': {
    async up(db) {
      await db.schema
        .createTable('notes')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('text', 'text')
        .execute();
    },
  },
});
const tags: TableMigrations = () => ({
  'tags-001-create': {
    async up(db) {
      await db.schema.createTable('tags').addColumn('note_id', 'integer').addColumn('tag', 'text').execute();
    },
  },
});
// Runs after notes-001 (migrations run in name order) and creates its table a second time.
const broken: TableMigrations = () => ({
  'notes-002-create-again': {
    async up(db) {
      await db.schema.createTable('notes').addColumn('id', 'integer').execute();
    },
  },
});

const server = await postgres();

describe.each(DATABASE_CHOICES)('openMigratedDatabase on %s', (choice) => {
  const skip = choice === 'postgres' && !server.available;

  async function withFreshDatabase(work: (url: string) => Promise<void>) {
    const provisioned = await provisionDatabase('conduit-sql', 'migrated-test', choice, { fresh: true });
    try {
      await work(provisioned.url);
    } finally {
      await provisioned.dispose();
    }
  }

  it.skipIf(skip)(
    'when it opens with two groups, then both groups of tables are there, and opening again migrates nothing twice',
    async () => {
      await withFreshDatabase(async (url) => {
        const first = await openMigratedDatabase<NoteTables>(url, [notes, tags]);
        expect(first.dialect).toBe(choice);
        await first.transaction(async (tx) => {
          await tx.insertInto('notes').values({ id: 1, text: 'hello' }).execute();
          await tx.insertInto('tags').values({ note_id: 1, tag: 'greeting' }).execute();
        });
        await first.close();

        const again = await openMigratedDatabase<NoteTables>(url, [notes, tags]);
        expect(await again.db.selectFrom('tags').select('tag').execute()).toEqual([{ tag: 'greeting' }]);
        await again.close();
      });
    },
  );

  it.skipIf(skip)('when the work of a transaction throws, then none of its writes are kept', async () => {
    await withFreshDatabase(async (url) => {
      const database = await openMigratedDatabase<NoteTables>(url, [notes]);
      const failing = database.transaction(async (tx) => {
        await tx.insertInto('notes').values({ id: 1, text: 'lost' }).execute();
        throw new Error('changed my mind');
      });
      await expect(failing).rejects.toThrow('changed my mind');
      expect(await database.db.selectFrom('notes').selectAll().execute()).toEqual([]);
      await database.close();
    });
  });

  it.skipIf(skip)('when it is open, then ping answers, and once closed, ping fails', async () => {
    await withFreshDatabase(async (url) => {
      const database = await openMigratedDatabase<NoteTables>(url, [notes]);
      await expect(database.ping()).resolves.toBeUndefined();
      expect(database.describe).not.toContain('password');
      await database.close();
      await expect(database.ping()).rejects.toThrow();
    });
  });

  it.skipIf(skip)('when a migration fails, then opening fails naming that migration', async () => {
    await withFreshDatabase(async (url) => {
      await expect(openMigratedDatabase<NoteTables>(url, [notes, broken])).rejects.toThrow(
        /notes-002-create-again/,
      );
    });
  });
});
