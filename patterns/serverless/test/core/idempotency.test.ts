import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFunctionDatabase, type FunctionDatabase, functionDatabase } from '../../core/database.js';
import type { FunctionResponse } from '../../core/function-types.js';
import { answerOnce, type KeyedWrite } from '../../core/idempotency.js';
import { migrateConduitDatabase } from '../../core/migrate.js';

const quiet = { warn: () => {} };
let database: FunctionDatabase;
let runs = 0;
const folder = mkdtempSync(join(tmpdir(), 'serverless-idempotency-'));

/** A write that inserts a tag in a transaction (so it claims the key) and answers 201. */
const createTag = (name: string) => async (): Promise<FunctionResponse> => {
  runs += 1;
  await database.transaction((tx) => tx.insertInto('tags').values({ name }).execute());
  return { statusCode: 201, headers: {}, body: JSON.stringify({ name, run: runs }) };
};

const write = (key: string | undefined, body: unknown = { name: 'a' }, method = 'POST'): KeyedWrite => ({
  method,
  path: '/api/things',
  query: {},
  body,
  scope: '7',
  key,
});

beforeAll(async () => {
  const url = join(folder, 'conduit.sqlite');
  await migrateConduitDatabase(url);
  process.env.DATABASE_URL = url;
  database = functionDatabase();
});
afterAll(async () => {
  await closeFunctionDatabase();
  delete process.env.DATABASE_URL;
  rmSync(folder, { recursive: true, force: true });
});

describe('answerOnce', () => {
  it('when a write is repeated with its key, then the first answer comes back, marked, and nothing runs again', async () => {
    const first = await answerOnce(database, write('k-1'), quiet, createTag('first'));
    const again = await answerOnce(database, write('k-1'), quiet, createTag('first'));
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const tags = await database.db.selectFrom('tags').select('name').where('name', '=', 'first').execute();
    expect(tags).toHaveLength(1);
  });

  it('when the key comes with another body, then it is a 422 naming idempotency-key', async () => {
    await answerOnce(database, write('k-2', { name: 'b' }), quiet, createTag('second'));
    const other = await answerOnce(database, write('k-2', { name: 'c' }), quiet, createTag('third'));
    expect(other.statusCode).toBe(422);
    expect(JSON.parse(other.body).errors['idempotency-key']).toBeDefined();
  });

  it('when another caller uses the same key, then it is their own request', async () => {
    await answerOnce(database, write('k-3'), quiet, createTag('mine'));
    const theirs = await answerOnce(database, { ...write('k-3'), scope: '8' }, quiet, createTag('theirs'));
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(JSON.parse(theirs.body).name).toBe('theirs');
  });

  it('when the key is longer than 255 characters, then it is refused before anything runs', async () => {
    const before = runs;
    const response = await answerOnce(database, write('k'.repeat(256)), quiet, createTag('long'));
    expect(response.statusCode).toBe(422);
    expect(runs).toBe(before);
  });

  it('when a read or a keyless write arrives, then it simply runs', async () => {
    const before = runs;
    await answerOnce(database, write('k-4', null, 'GET'), quiet, createTag('read'));
    await answerOnce(database, write('k-4', null, 'GET'), quiet, createTag('read-again'));
    await answerOnce(database, write(undefined), quiet, createTag('keyless'));
    expect(runs).toBe(before + 3);
  });
});
