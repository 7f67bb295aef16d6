import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkpointInWorker } from '../src/wal-checkpointer.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A WAL file with automatic checkpoints off and a few hundred pages written: all of it still in the WAL. */
function walWithPages() {
  const folder = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
  folders.push(folder);
  const path = join(folder, 'data.sqlite');
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('create table t (body text)');
  const insert = db.prepare('insert into t values (?)');
  const writePages = db.transaction(() => {
    for (let i = 0; i < 2_000; i++) insert.run('x'.repeat(500));
  });
  writePages();
  return { path, db, writePages };
}

describe('checkpointInWorker', () => {
  it('when a file with automatic checkpoints off is registered, then a worker copies its WAL into the database file', async () => {
    const { path, db } = walWithPages();
    const before = statSync(path).size;
    const failures: string[] = [];
    const release = checkpointInWorker(path, (message) => failures.push(message));
    try {
      await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 500_000), {
        timeout: 10_000,
        interval: 50,
      });
      expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 2_000 });
      expect(failures).toEqual([]);
    } finally {
      await release();
      db.close();
    }
  });

  it('when a file is registered twice, then the worker keeps it until both release it, and a later registration starts a new one', async () => {
    const { path, db, writePages } = walWithPages();
    const first = checkpointInWorker(path, () => {});
    const second = checkpointInWorker(path, () => {});
    await first();
    await first(); // a second call of the same release changes nothing
    await second();
    writePages();
    const before = statSync(path).size;
    const again = checkpointInWorker(path, () => {});
    try {
      await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 500_000), {
        timeout: 10_000,
        interval: 50,
      });
    } finally {
      await again();
      db.close();
    }
  });
});
