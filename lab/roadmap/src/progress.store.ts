import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { progressFile } from './data-dir.js';
import { CHECKPOINT_ID, isStageSlug, type StageSlug } from './stage.js';

/** The latest result of one checkpoint; a re-run replaces the previous result. */
export interface CheckpointResult {
  id: string;
  passed: boolean;
  /** ISO 8601 time the result was recorded. */
  at: string;
  /** What the check saw, e.g. "42/42 requests passed" or the first failure; null when none was given. */
  detail: string | null;
}

export interface StageProgress {
  slug: StageSlug;
  /** The learner said they are done with the stage, whatever the checkpoints say. */
  done: boolean;
  /** When the learner first marked the stage done; null when not marked. */
  doneAt: string | null;
  /** Latest result per checkpoint id, sorted by id. */
  checkpoints: CheckpointResult[];
}

export interface ProgressStore {
  /** The SQLite file in use (or `:memory:`). */
  readonly file: string;
  /** Marks the stage done by the learner; marking it again keeps the first timestamp. */
  markDone(slug: StageSlug): void;
  /** Withdraws the learner's mark; checkpoint results stay. */
  markNotDone(slug: StageSlug): void;
  /** Stores the result of a checkpoint run, replacing the previous result for the same id. */
  recordCheckpoint(slug: StageSlug, id: string, passed: boolean, detail?: string): CheckpointResult;
  progressOf(slug: StageSlug): StageProgress;
  close(): void;
}

export interface ProgressOptions {
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
}

// Bump with a migration step below when the schema changes; user_version records what a file holds.
const SCHEMA_VERSION = 1;

/**
 * Opens (creating if needed) the learner's progress database: the `file` argument, else
 * `$JOURNEY_PROGRESS_DB`, else `progress.sqlite` in dataDir(). WAL mode plus a busy timeout let the CLI and
 * the dashboard server use the same file at once.
 */
export function openProgress(file: string = progressFile(), options: ProgressOptions = {}): ProgressStore {
  const now = options.now ?? (() => new Date());
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
  } catch (error) {
    db.close();
    throw error;
  }

  const insertDone = db.prepare('INSERT OR IGNORE INTO stage_done (slug, done_at) VALUES (?, ?)');
  const deleteDone = db.prepare('DELETE FROM stage_done WHERE slug = ?');
  const selectDone = db.prepare<[string], { done_at: string }>(
    'SELECT done_at FROM stage_done WHERE slug = ?',
  );
  const upsertCheckpoint = db.prepare(
    `INSERT INTO checkpoint_result (slug, checkpoint_id, passed, at, detail) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (slug, checkpoint_id) DO UPDATE SET passed = excluded.passed, at = excluded.at, detail = excluded.detail`,
  );
  const selectCheckpoints = db.prepare<
    [string],
    { checkpoint_id: string; passed: number; at: string; detail: string | null }
  >('SELECT checkpoint_id, passed, at, detail FROM checkpoint_result WHERE slug = ? ORDER BY checkpoint_id');

  return {
    file,
    markDone(slug) {
      insertDone.run(checkSlug(slug), now().toISOString());
    },
    markNotDone(slug) {
      deleteDone.run(checkSlug(slug));
    },
    recordCheckpoint(slug, id, passed, detail) {
      checkSlug(slug);
      if (!CHECKPOINT_ID.test(id))
        throw new Error(`checkpoint id must be kebab-case, got ${JSON.stringify(id)}`);
      const result: CheckpointResult = { id, passed, at: now().toISOString(), detail: detail ?? null };
      upsertCheckpoint.run(slug, id, passed ? 1 : 0, result.at, result.detail);
      return result;
    },
    progressOf(slug) {
      const done = selectDone.get(checkSlug(slug));
      return {
        slug,
        done: done !== undefined,
        doneAt: done?.done_at ?? null,
        checkpoints: selectCheckpoints.all(slug).map((row) => ({
          id: row.checkpoint_id,
          passed: row.passed === 1,
          at: row.at,
          detail: row.detail,
        })),
      };
    },
    close() {
      db.close();
    },
  };
}

function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `${file} holds progress schema ${version}, newer than this lab understands (${SCHEMA_VERSION}); update the lab`,
    );
  }
  if (version < 1) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS stage_done (
        slug TEXT PRIMARY KEY,
        done_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS checkpoint_result (
        slug TEXT NOT NULL,
        checkpoint_id TEXT NOT NULL,
        passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
        at TEXT NOT NULL,
        detail TEXT,
        PRIMARY KEY (slug, checkpoint_id)
      );
      PRAGMA user_version = 1;
    `);
  }
}

function checkSlug(slug: string): StageSlug {
  if (!isStageSlug(slug)) throw new Error(`unknown stage ${JSON.stringify(slug)}`);
  return slug;
}
