import { describe, expect, it } from 'vitest';
import { type IdempotencyTables, idempotencyKeys, idempotencyMigrations } from '../src/idempotency/index.js';
import type { TableMigrations } from '../src/migrate.js';
import { openMigratedDatabase } from '../src/migrated-database.js';

interface NoteTables extends IdempotencyTables {
  notes: { text: string };
}

const notes: TableMigrations = () => ({
  'notes-001-create': {
    async up(db) {
      await db.schema.createTable('notes').addColumn('text', 'text').execute();
    },
  },
});

async function open() {
  const database = await openMigratedDatabase<NoteTables>(':memory:', [notes, idempotencyMigrations]);
  const keys = idempotencyKeys(database.db);
  const write = (text: string) =>
    database.transaction(async (tx) => {
      await tx.insertInto('notes').values({ text }).execute();
    });
  const written = async () =>
    (await database.db.selectFrom('notes').select('text').execute()).map((n) => n.text);
  return { database, keys, write, written };
}

const request = (key = 'k1') => ({ scope: '7', key, fingerprint: 'POST /notes {}', claimed: false });

describe('idempotencyKeys', () => {
  it('when a request with a key writes, then its transaction claims the key with the write', async () => {
    const { database, keys, write, written } = await open();
    const first = request();
    await keys.handleWithKey(first, () => write('once'));
    expect(first.claimed).toBe(true);
    expect(await keys.find('7', 'k1')).toEqual({
      fingerprint: first.fingerprint,
      status: null,
      answer: null,
      headers: {},
    });
    await keys.record(first, 201, '{"note":"once"}', { 'x-journey-events': 'e1' });
    expect(await keys.find('7', 'k1')).toMatchObject({
      status: 201,
      answer: '{"note":"once"}',
      headers: { 'x-journey-events': 'e1' },
    });
    expect(await written()).toEqual(['once']);
    await database.close();
  });

  it('when another request already claimed the key, then the write fails with a 409 and rolls back', async () => {
    const { database, keys, write, written } = await open();
    await keys.handleWithKey(request(), () => write('winner'));
    const loser = request();
    await expect(keys.handleWithKey(loser, () => write('loser'))).rejects.toMatchObject({
      statusCode: 409,
      field: 'idempotency-key',
    });
    expect(loser.claimed).toBe(false);
    await keys.record(loser, 409, '{}');
    expect(await keys.find('7', 'k1')).toMatchObject({ status: null });
    expect(await written()).toEqual(['winner']);
    await database.close();
  });

  it('when the write rolls back, then the key is free and a 5xx is not recorded', async () => {
    const { database, keys } = await open();
    const failing = request();
    await expect(
      keys.handleWithKey(failing, () =>
        database.transaction(async () => {
          throw new Error('boom');
        }),
      ),
    ).rejects.toThrow('boom');
    expect(failing.claimed).toBe(false);
    await keys.record(failing, 500, '{}');
    expect(await keys.find('7', 'k1')).toBeUndefined();
    await database.close();
  });

  it('when a request writes nothing, then its 4xx answer is recorded for its repeats', async () => {
    const { database, keys } = await open();
    await keys.record(request(), 404, '{"errors":{"article":["not found"]}}');
    expect(await keys.find('7', 'k1')).toMatchObject({ status: 404 });
    expect(await keys.find('8', 'k1')).toBeUndefined();
    await database.close();
  });

  it('when a key was used more than 24 hours ago, then it is free again', async () => {
    const { database, keys } = await open();
    await keys.record(request(), 201, '{}');
    const dayAndASecondAgo = new Date(Date.now() - 24 * 3600_000 - 1000).toISOString();
    await database.db.updateTable('idempotency_keys').set({ created_at: dayAndASecondAgo }).execute();
    expect(await keys.find('7', 'k1')).toBeUndefined();
    await database.close();
  });
});
