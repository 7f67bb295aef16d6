import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type CheckCommand, runMatches } from './check-command.js';
import { CHECK_RUN_VIAS, type CheckRun, type CheckRunVia } from './check-run.js';
import { progressFile } from './data-dir.js';
import { isStageSlug, type StageSlug } from './stage.js';

/** The learner's own verdict on a stage, apart from what the checks earned. */
export interface StageMark {
  slug: StageSlug;
  /** The learner said they are done with the stage, whatever the checkpoints say. */
  done: boolean;
  /** When the learner first marked the stage done; null when not marked. */
  doneAt: string | null;
}

/** A run to record: what the command ran and decided, and the code version it ran against. */
export interface NewCheckRun {
  command: string;
  positionals: string[];
  flags?: Record<string, string>;
  passed: boolean;
  detail?: string | null;
  via?: CheckRunVia;
  code: string;
}

export interface ProgressStore {
  /** The SQLite file in use (or `:memory:`). */
  readonly file: string;
  /** Marks the stage done by the learner; marking it again keeps the first timestamp. */
  markDone(slug: StageSlug): void;
  /** Withdraws the learner's mark; recorded runs stay. */
  markNotDone(slug: StageSlug): void;
  markOf(slug: StageSlug): StageMark;
  /** Appends a run to the log; earlier runs are kept, the latest matching one is what counts. */
  recordRun(run: NewCheckRun): CheckRun;
  /** The latest recorded run of `command` (see runMatches), or null when it never ran. */
  latestRun(command: CheckCommand): CheckRun | null;
  close(): void;
}

export interface ProgressOptions {
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
}

// Bump with a migration step below when the schema changes; user_version records what a file holds.
export const SCHEMA_VERSION = 2;

type CheckRunRow = {
  command: string;
  positionals: string;
  flags: string;
  passed: number;
  at: string;
  detail: string | null;
  via: CheckRunVia;
  code: string;
};

/**
 * Opens (creating or migrating if needed) the learner's progress database: the `file` argument, else
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
  const insertRun = db.prepare(
    `INSERT INTO check_run (command, positionals, flags, passed, at, detail, via, code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Newest first by insertion order, not by `at`: two runs within one millisecond still have an order.
  const runsOf = db.prepare<[string], CheckRunRow>(
    `SELECT command, positionals, flags, passed, at, detail, via, code FROM check_run
     WHERE command = ? ORDER BY id DESC`,
  );

  return {
    file,
    markDone(slug) {
      insertDone.run(checkSlug(slug), now().toISOString());
    },
    markNotDone(slug) {
      deleteDone.run(checkSlug(slug));
    },
    markOf(slug) {
      const done = selectDone.get(checkSlug(slug));
      return { slug, done: done !== undefined, doneAt: done?.done_at ?? null };
    },
    recordRun(input) {
      const run = checkRun(input, now().toISOString());
      insertRun.run(
        run.command,
        JSON.stringify(run.positionals),
        JSON.stringify(run.flags),
        run.passed ? 1 : 0,
        run.at,
        run.detail,
        run.via,
        run.code,
      );
      return run;
    },
    latestRun(command) {
      // Rows of one command are few (one per run of it); iterate lazily and stop at the newest match.
      for (const row of runsOf.iterate(command.command)) {
        const run = fromRow(row);
        if (runMatches(run, command)) return run;
      }
      return null;
    },
    close() {
      db.close();
    },
  };
}

function checkRun(input: NewCheckRun, at: string): CheckRun {
  const via = input.via ?? 'cli';
  if (!CHECK_RUN_VIAS.includes(via)) {
    throw new Error(`a check run comes from ${CHECK_RUN_VIAS.join(' or ')}, got ${JSON.stringify(via)}`);
  }
  if (input.command.trim() === '') throw new Error('a check run needs the command it ran');
  // One line, as the detail column of `journey roadmap <stage>` shows it.
  const detail = input.detail?.split('\n')[0]?.trim() || null;
  return {
    command: input.command,
    positionals: [...input.positionals],
    flags: { ...input.flags },
    passed: input.passed,
    detail,
    via,
    code: input.code,
    at,
  };
}

function fromRow(row: CheckRunRow): CheckRun {
  return {
    command: row.command,
    positionals: JSON.parse(row.positionals) as string[],
    flags: JSON.parse(row.flags) as Record<string, string>,
    passed: row.passed === 1,
    detail: row.detail,
    via: row.via,
    code: row.code,
    at: row.at,
  };
}

function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `${file} holds progress schema ${version}, newer than this lab understands (${SCHEMA_VERSION}); update the lab`,
    );
  }
  db.transaction(() => {
    if (version < 1) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS stage_done (
          slug TEXT PRIMARY KEY,
          done_at TEXT NOT NULL
        );
      `);
    }
    if (version < 2) {
      // Schema 1 also had checkpoint_result: one result per checkpoint id, written only by the dashboard's
      // suite button for `contract`, with no command line, flags or code version. Such a row cannot be
      // matched to an `earnedBy` command (was it `--db postgres`?), so nothing reads it any more: one run
      // of the command earns the checkpoint back. A schema 1 file keeps the table, unread, rather than
      // losing it: the CLI and a dashboard server share this file, and a server started before the upgrade
      // still writes those rows; dropping the table under it would crash its suite button. New files
      // never get it.
      db.exec(`
        CREATE TABLE check_run (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          command TEXT NOT NULL,
          positionals TEXT NOT NULL,
          flags TEXT NOT NULL,
          passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
          at TEXT NOT NULL,
          detail TEXT,
          via TEXT NOT NULL CHECK (via IN ('cli', 'dashboard')),
          code TEXT NOT NULL
        );
        CREATE INDEX check_run_by_command ON check_run (command, id);
      `);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

function checkSlug(slug: string): StageSlug {
  if (!isStageSlug(slug)) throw new Error(`unknown stage ${JSON.stringify(slug)}`);
  return slug;
}
