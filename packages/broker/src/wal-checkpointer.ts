import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite's automatic checkpoint runs inside the commit that fills the WAL past 1000 pages, on
 * whichever thread committed: copying the pages back and syncing the database file took 85–240 ms
 * on this project's 2-core VM, a stall on the event loop that every event queued behind it paid
 * (the propagation bench's p99, issue 18). A connection registered here turns its automatic
 * checkpoint off (`wal_autocheckpoint = 0`) and one worker thread per process checkpoints every
 * registered file on a timer instead, in PASSIVE mode: it never waits for, nor blocks, the readers
 * and writers of the main thread, and any process may do it (a busy one is skipped until next time).
 */

const CHECKPOINT_INTERVAL_MS = 1_000;

// Plain JavaScript evaluated in the worker, so it runs the same under tsx, compiled, or in a test.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.sqlite);
const open = new Map();
function checkpointAll() {
  for (const [path, db] of open) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // SQLITE_BUSY: another process checkpoints this file right now; the next turn catches up.
      if (error.code !== 'SQLITE_BUSY') parentPort.postMessage({ path, error: error.message });
    }
  }
}
const timer = setInterval(checkpointAll, workerData.intervalMs);
parentPort.on('message', ({ add, remove }) => {
  if (add && !open.has(add)) open.set(add, new SQLite(add, { fileMustExist: true }));
  if (remove && open.has(remove)) {
    const db = open.get(remove);
    open.delete(remove);
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    db.close();
  }
  if (open.size === 0) {
    clearInterval(timer);
    parentPort.close();
  }
});
`;

let worker: Worker | undefined;
let exited: Promise<void> | undefined;
/** Per file: how many registrations hold it, and where its failures are reported. */
const registered = new Map<string, { count: number; onFailure: (message: string) => void }>();

function startWorker() {
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { sqlite, intervalMs: CHECKPOINT_INTERVAL_MS },
    // Not the process's loader flags (tsx): the source above is plain JavaScript.
    execArgv: [],
  });
  // A process with nothing else to do exits; its connections' close checkpoints what is left.
  started.unref();
  started.on('message', ({ path, error }: { path: string; error: string }) =>
    registered.get(path)?.onFailure(`WAL checkpoint of ${path} failed: ${error}`),
  );
  started.on('error', (error) => {
    for (const [path, { onFailure }] of registered)
      onFailure(`WAL checkpoint worker failed, ${path} is not checkpointed: ${error.message}`);
  });
  exited = new Promise((resolve) => started.once('exit', () => resolve()));
  started.once('exit', () => {
    if (worker === started) worker = undefined;
  });
  return started;
}

/**
 * Checkpoints `path` from the worker from now on. The caller turns the automatic checkpoint off on
 * every connection it writes `path` through (`pragma wal_autocheckpoint = 0`); the returned function
 * stops once the last registration of the file is released, and resolves when the worker has let go
 * of it. `path` must be an existing file in WAL mode.
 */
export function checkpointInWorker(path: string, onFailure: (message: string) => void): () => Promise<void> {
  const entry = registered.get(path);
  if (entry) entry.count++;
  else {
    registered.set(path, { count: 1, onFailure });
    worker ??= startWorker();
    worker.postMessage({ add: path });
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    const held = registered.get(path)!;
    if (--held.count > 0) return;
    registered.delete(path);
    const current = worker!;
    current.postMessage({ remove: path });
    // The worker ends itself once it holds no file; wait for that, so the caller's close comes last.
    if (registered.size === 0) {
      worker = undefined;
      // Referenced while we wait, or a process with nothing else to do would exit before it does.
      current.ref();
      await exited;
    }
  };
}
