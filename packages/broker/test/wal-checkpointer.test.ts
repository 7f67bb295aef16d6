import { mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkpointInWorker } from '../src/wal-checkpointer.js';

/** Every checkpoint worker started, so a test can kill one as a crash would. */
const workers = vi.hoisted(() => [] as import('node:worker_threads').Worker[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class RecordedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      workers.push(this);
    }
  }
  return { ...actual, Worker: RecordedWorker };
});

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

/** Files this process holds open whose path starts with `path` (the database, its -wal and -shm). */
function openFilesOf(path: string) {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(path) ? [target] : [];
    } catch {
      return []; // closed between the listing and the read
    }
  });
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

  it.skipIf(process.platform !== 'linux')(
    'when one of two files is released, then the worker has closed it by the time the release resolves',
    async () => {
      const kept = walWithPages();
      const released = walWithPages();
      const releaseKept = checkpointInWorker(kept.path, () => {});
      const releaseReleased = checkpointInWorker(released.path, () => {});
      try {
        // The worker has opened it once a checkpoint went through.
        const before = statSync(released.path).size;
        await vi.waitFor(() => expect(statSync(released.path).size).toBeGreaterThan(before + 500_000), {
          timeout: 10_000,
          interval: 50,
        });
        released.db.close();
        await releaseReleased();
        // Nothing left holding it, so a caller may delete its folder (a test's scratch database did).
        expect(openFilesOf(released.path)).toEqual([]);
      } finally {
        await releaseKept();
        kept.db.close();
      }
    },
  );

  it('when the worker dies, then a new one checkpoints every registered file, and releasing them still resolves', async () => {
    const first = walWithPages();
    const second = walWithPages();
    const failures: string[] = [];
    const releaseFirst = checkpointInWorker(first.path, (message) => failures.push(message));
    const releaseSecond = checkpointInWorker(second.path, (message) => failures.push(message));
    try {
      const crashed = workers.at(-1)!;
      await crashed.terminate();
      const sizes = [first, second].map(({ path, writePages }) => {
        writePages();
        return statSync(path).size;
      });
      await vi.waitFor(
        () => {
          expect(statSync(first.path).size).toBeGreaterThan(sizes[0]! + 500_000);
          expect(statSync(second.path).size).toBeGreaterThan(sizes[1]! + 500_000);
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(workers.at(-1)).not.toBe(crashed);
      expect(failures).toEqual([
        expect.stringContaining(`restarting it for ${first.path}`),
        expect.stringContaining(`restarting it for ${second.path}`),
      ]);
    } finally {
      await releaseFirst();
      await releaseSecond();
      first.db.close();
      second.db.close();
    }
  });

  it('when the worker dies and every file is released before it restarts, then the releases resolve and no worker is started', async () => {
    const { path, db } = walWithPages();
    const release = checkpointInWorker(path, () => {});
    const started = workers.length;
    await workers.at(-1)!.terminate();
    await release();
    db.close();
    // A pending restart would start a worker after its delay: give it that long, then more.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(workers.length).toBe(started);
  });
});
