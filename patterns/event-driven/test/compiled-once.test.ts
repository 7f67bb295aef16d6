import { openDatabase } from '@journey/conduit-sql';
import { compiledOnce } from '@journey/event-driven-outbox';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface Tables {
  notes: { id: number; body: string | null };
}

let db: Kysely<Tables>;
beforeEach(async () => {
  db = openDatabase<Tables>(':memory:').db;
  await db.schema.createTable('notes').addColumn('id', 'integer').addColumn('body', 'text').execute();
});
afterEach(() => db.destroy());

const insertNote = compiledOnce((tx: Kysely<Tables>, note: { id: number; body: string | null }) =>
  tx.insertInto('notes').values({ id: note.id, body: note.body }),
);
const insertMany = compiledOnce((tx: Kysely<Tables>, notes: { ids: readonly number[] }) =>
  tx.insertInto('notes').values(notes.ids.map((id) => ({ id, body: 'many' }))),
);

describe('compiledOnce', () => {
  it('when called again with other values, then each call writes its own values', async () => {
    await insertNote(db, { id: 1, body: 'one' });
    await insertNote(db, { id: 2, body: 'two' });
    await insertNote(db, { id: 3, body: null });
    expect(await db.selectFrom('notes').selectAll().orderBy('id').execute()).toEqual([
      { id: 1, body: 'one' },
      { id: 2, body: 'two' },
      { id: 3, body: null },
    ]);
  });

  it('when a list argument changes length, then the statement has one value per element', async () => {
    const first = await insertMany(db, { ids: [1, 2] });
    const second = await insertMany(db, { ids: [3, 4, 5] });
    expect([first.numAffectedRows, second.numAffectedRows]).toEqual([2n, 3n]);
    const ids = await db.selectFrom('notes').select('id').orderBy('id').execute();
    expect(ids.map((row) => row.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('when run in a transaction, then it writes through that transaction', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await insertNote(tx, { id: 7, body: 'rolled back' });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await db.selectFrom('notes').selectAll().execute()).toEqual([]);
  });
});
