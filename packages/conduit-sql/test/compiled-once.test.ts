import { DATABASE_CHOICES, provisionDatabase } from '@journey/provisioning';
import { postgres } from '@journey/testkit';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compiledOnce } from '../src/compiled-once.js';
import { openDatabase } from '../src/open-database.js';

interface Tables {
  notes: { id: number; body: string | null };
}
type Db = Kysely<Tables>;

const insertNote = compiledOnce((db: Db, note: { id: number; body: string | null }) =>
  db.insertInto('notes').values({ id: note.id, body: note.body }),
);
const insertMany = compiledOnce((db: Db, notes: { ids: readonly number[] }) =>
  db.insertInto('notes').values(notes.ids.map((id) => ({ id, body: 'many' }))),
);
// An absent argument drops its condition: the shape, not the value, decides the SQL.
const notesAbove = compiledOnce((db: Db, { above, body }: { above: number; body?: string | null }) => {
  const query = db.selectFrom('notes').select('id').where('id', '>', above).orderBy('id');
  if (body === undefined) return query;
  return body === null ? query.where('body', 'is', null) : query.where('body', '=', body);
});
const flagged = compiledOnce((db: Db, { id, flag }: { id: number; flag: boolean }) =>
  db
    .selectFrom('notes')
    .select((eb) => eb.cast<boolean>(eb.val(flag), 'boolean').as('flag'))
    .where('id', '=', id),
);

const server = await postgres();

describe.each(DATABASE_CHOICES)('compiledOnce on %s', (choice) => {
  const skip = choice === 'postgres' && !server.available;

  async function withNotes(work: (db: Db) => Promise<void>) {
    const provisioned = await provisionDatabase('conduit-sql', 'compiled-once-test', choice, { fresh: true });
    const { db } = openDatabase<Tables>(provisioned.url);
    try {
      await db.schema.createTable('notes').addColumn('id', 'integer').addColumn('body', 'text').execute();
      await work(db);
    } finally {
      await db.destroy();
      await provisioned.dispose();
    }
  }

  const ids = async (db: Db) =>
    (await db.selectFrom('notes').select('id').orderBy('id').execute()).map((n) => n.id);

  it.skipIf(skip)('when called again with other values, then each call writes its own values', async () => {
    await withNotes(async (db) => {
      await insertNote(db, { id: 1, body: 'one' });
      await insertNote(db, { id: 2, body: 'two' });
      await insertNote(db, { id: 3, body: null });
      expect(await db.selectFrom('notes').selectAll().orderBy('id').execute()).toEqual([
        { id: 1, body: 'one' },
        { id: 2, body: 'two' },
        { id: 3, body: null },
      ]);
    });
  });

  it.skipIf(skip)(
    'when a list argument changes length, then the statement has one value per element',
    async () => {
      await withNotes(async (db) => {
        const first = await insertMany(db, { ids: [1, 2] });
        const second = await insertMany(db, { ids: [3, 4, 5] });
        expect([first.numAffectedRows, second.numAffectedRows]).toEqual([2n, 3n]);
        expect(await ids(db)).toEqual([1, 2, 3, 4, 5]);
      });
    },
  );

  it.skipIf(skip)(
    'when more list lengths come than shapes are kept, then an evicted shape is compiled again and still binds its values',
    async () => {
      await withNotes(async (db) => {
        let next = 1;
        const batch = (length: number) => Array.from({ length }, () => next++);
        for (let length = 1; length <= 70; length++) await insertMany(db, { ids: batch(length) });
        const again = await insertMany(db, { ids: batch(1) });
        expect(again.numAffectedRows).toBe(1n);
        expect(await ids(db)).toEqual(Array.from({ length: next - 1 }, (_, i) => i + 1));
      });
    },
  );

  it.skipIf(skip)(
    'when an argument is undefined, null or a value in turn, then each call runs the query of its shape',
    async () => {
      await withNotes(async (db) => {
        await insertMany(db, { ids: [1, 2] });
        await insertNote(db, { id: 3, body: null });
        await insertNote(db, { id: 4, body: 'four' });
        const above = async (args: { above: number; body?: string | null }) =>
          (await notesAbove(db, args)).rows.map((n) => n.id);
        expect(await above({ above: 1 })).toEqual([2, 3, 4]);
        expect(await above({ above: 1, body: undefined })).toEqual([2, 3, 4]);
        expect(await above({ above: 0, body: null })).toEqual([3]);
        expect(await above({ above: 0, body: 'many' })).toEqual([1, 2]);
        expect(await above({ above: 1, body: 'many' })).toEqual([2]);
        expect(await above({ above: 2 })).toEqual([3, 4]);
      });
    },
  );

  // better-sqlite3 binds no booleans (SQLite has none): there a boolean is the caller's to turn into 0/1.
  it.skipIf(skip || choice === 'sqlite')(
    'when an argument is a boolean, then it is bound as one',
    async () => {
      await withNotes(async (db) => {
        await insertNote(db, { id: 1, body: null });
        expect((await flagged(db, { id: 1, flag: true })).rows).toEqual([{ flag: true }]);
        expect((await flagged(db, { id: 1, flag: false })).rows).toEqual([{ flag: false }]);
      });
    },
  );

  it.skipIf(skip)('when run in a transaction, then it writes through that transaction', async () => {
    await withNotes(async (db) => {
      await expect(
        db.transaction().execute(async (tx) => {
          await insertNote(tx, { id: 7, body: 'rolled back' });
          expect(await ids(tx)).toEqual([7]);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await ids(db)).toEqual([]);
    });
  });
});
