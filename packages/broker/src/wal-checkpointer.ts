// Aliased: a bundle's banner (the AWS functions') may declare its own createRequire at the top.
import { createRequire as requireFrom } from 'node:module';
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
parentPort.on('message', ({ add, remove, last }) => {
  if (add && !open.has(add)) {
    // Reported, not thrown: a worker that died on one file would stop checkpointing all of them.
    try { open.set(add, new SQLite(add, { fileMustExist: true })); }
    catch (error) { parentPort.postMessage({ path: add, error: error.message }); }
  }
  if (remove && open.has(remove)) {
    const db = open.get(remove);
    open.delete(remove);
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    db.close();
  }
  // Acknowledged even for a file it never opened: the caller waits for this before deleting it.
  if (remove) parentPort.postMessage({ released: remove });
  // The main thread says when: it alone knows whether another file is on its way.
  if (last) {
    clearInterval(timer);
    parentPort.close();
  }
});
`;

let worker: Worker | undefined;
/** A restart waiting out its delay after the worker died; no worker runs meanwhile. */
let restart: NodeJS.Timeout | undefined;
/** Per file: how many registrations hold it, and where its failures are reported. */
const registered = new Map<string, { count: number; onFailure: (message: string) => void }>();
/** Per file: releases waiting for the worker to say it closed its connection, oldest first. */
const awaitingClose = new Map<string, Array<() => void>>();

function settleAwaitingClose(path?: string) {
  if (path === undefined) {
    for (const waiters of awaitingClose.values()) for (const settle of waiters) settle();
    awaitingClose.clear();
    return;
  }
  const waiters = awaitingClose.get(path);
  waiters?.shift()?.();
  if (waiters?.length === 0) awaitingClose.delete(path);
}

/** A worker checkpointing `paths`, restarted with every file still registered if it dies. */
function startWorker(paths: Iterable<string>) {
  const sqlite = requireFrom(import.meta.url).resolve('better-sqlite3');
  const started = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { sqlite, intervalMs: CHECKPOINT_INTERVAL_MS },
    // Not the process's loader flags (tsx): the source above is plain JavaScript.
    execArgv: [],
  });
  // A process with nothing else to do exits; its connections' close checkpoints what is left.
  started.unref();
  started.on('message', (message: { released: string } | { path: string; error: string }) => {
    if ('released' in message) settleAwaitingClose(message.released);
    else
      registered.get(message.path)?.onFailure(`WAL checkpoint of ${message.path} failed: ${message.error}`);
  });
  started.on('error', (error) => {
    for (const [path, { onFailure }] of registered)
      onFailure(
        `WAL checkpoint worker failed, ${path} is not checkpointed until it restarts: ${error.message}`,
      );
  });
  started.once('exit', (code) => {
    // A dead worker holds no file open any more.
    settleAwaitingClose();
    // The worker ends itself only once the last file is released, which unsets `worker` first.
    if (worker !== started) return;
    worker = undefined;
    if (registered.size === 0) return;
    // Connections registered here never checkpoint themselves (wal_autocheckpoint = 0): without a
    // worker their WAL would grow without bound. After a delay, so one that cannot start is not
    // respawned in a tight loop.
    for (const [path, { onFailure }] of registered)
      onFailure(`WAL checkpoint worker exited (code ${code}); restarting it for ${path}`);
    restart = setTimeout(() => {
      restart = undefined;
      if (registered.size > 0 && !worker) worker = startWorker(registered.keys());
    }, CHECKPOINT_INTERVAL_MS);
    restart.unref();
  });
  for (const path of paths) started.postMessage({ add: path });
  return started;
}

/**
 * Checkpoints `path` from the worker from now on. The caller turns the automatic checkpoint off on
 * every connection it writes `path` through (`pragma wal_autocheckpoint = 0`); the returned function
 * stops once the last registration of the file is released, and resolves when the worker has let go
 * of it. `path` must be an existing file in WAL mode. A worker that dies is restarted with every
 * file still registered.
 */
export function checkpointInWorker(path: string, onFailure: (message: string) => void): () => Promise<void> {
  const entry = registered.get(path);
  if (entry) entry.count++;
  else {
    registered.set(path, { count: 1, onFailure });
    // While a restart is pending, it adds every registered file, this one included.
    if (worker) worker.postMessage({ add: path });
    else if (!restart) worker = startWorker([path]);
  }
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    const held = registered.get(path)!;
    if (--held.count > 0) return;
    registered.delete(path);
    if (registered.size === 0 && restart) {
      clearTimeout(restart);
      restart = undefined;
    }
    // No worker (it died and has not restarted yet): nothing holds the file.
    const current = worker;
    if (!current) return;
    const last = registered.size === 0;
    // Until the worker has closed its connection it may still create the file's -wal and -shm: a
    // caller deleting the folder right after (a test's scratch database) failed with ENOTEMPTY.
    const closed = new Promise<void>((resolve) => {
      const waiters = awaitingClose.get(path) ?? [];
      waiters.push(resolve);
      awaitingClose.set(path, waiters);
    });
    current.postMessage({ remove: path, last });
    // Referenced while we wait, or a process with nothing else to do would exit before it answers.
    current.ref();
    if (last) {
      // The worker ends itself once told this was the last file; wait for that too.
      worker = undefined;
      await new Promise((resolve) => current.once('exit', resolve));
    }
    await closed;
    if (worker === current && awaitingClose.size === 0) current.unref();
  };
}
