import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  dataDir,
  type NewCheckRun,
  openProgress,
  type ProgressStore,
  parseCheckCommand,
  progressFile,
  SCHEMA_VERSION,
} from '../src/index.js';

describe('dataDir and progressFile', () => {
  it('when JOURNEY_HOME is set, then it wins over XDG_DATA_HOME', () => {
    expect(dataDir({ JOURNEY_HOME: '/srv/journey', XDG_DATA_HOME: '/xdg' })).toBe('/srv/journey');
  });

  it('when only XDG_DATA_HOME is set, then the lab uses a folder inside it', () => {
    expect(dataDir({ XDG_DATA_HOME: '/xdg' })).toBe('/xdg/backend-journey');
  });

  it('when XDG_DATA_HOME is relative, then it is ignored as the XDG spec asks', () => {
    expect(dataDir({ XDG_DATA_HOME: 'relative' })).toMatch(/\.local\/share\/backend-journey$/);
  });

  it('when nothing is set, then the lab uses ~/.local/share/backend-journey', () => {
    expect(dataDir({})).toMatch(/\/\.local\/share\/backend-journey$/);
  });

  it('when JOURNEY_PROGRESS_DB is set, then it overrides the file in the data dir', () => {
    expect(progressFile({ JOURNEY_HOME: '/srv/journey' })).toBe('/srv/journey/progress.sqlite');
    expect(progressFile({ JOURNEY_HOME: '/srv/journey', JOURNEY_PROGRESS_DB: '/tmp/p.db' })).toBe(
      '/tmp/p.db',
    );
  });
});

describe('openProgress', () => {
  let dir: string;
  let store: ProgressStore | undefined;
  let clock = new Date('2024-05-01T10:00:00.000Z');
  const now = () => clock;
  const run = (overrides: Partial<NewCheckRun> = {}): NewCheckRun => ({
    command: 'test',
    positionals: ['monolith'],
    flags: { db: 'sqlite' },
    passed: true,
    detail: '57 passed, 0 failed',
    code: '1bf4d28',
    ...overrides,
  });
  const latest = (line: string) => store!.latestRun(parseCheckCommand(line));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journey-progress-'));
    clock = new Date('2024-05-01T10:00:00.000Z');
  });
  afterEach(() => {
    store?.close();
    store = undefined;
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a stage was never touched, then it is not marked and no command has run', () => {
    store = openProgress(join(dir, 'progress.sqlite'));
    expect(store.markOf('soa')).toEqual({ slug: 'soa', done: false, doneAt: null });
    expect(latest('journey test soa')).toBeNull();
  });

  it('when a run is recorded, then it comes back whole, with its time and where it came from', () => {
    store = openProgress(join(dir, 'p.sqlite'), { now });
    const recorded = store.recordRun(run({ via: 'dashboard' }));
    expect(recorded).toEqual({
      command: 'test',
      positionals: ['monolith'],
      flags: { db: 'sqlite' },
      passed: true,
      detail: '57 passed, 0 failed',
      via: 'dashboard',
      code: '1bf4d28',
      at: '2024-05-01T10:00:00.000Z',
    });
    expect(latest('journey test monolith')).toEqual(recorded);
  });

  it('when no via or detail is given, then the run came from the CLI and has no detail', () => {
    store = openProgress(':memory:');
    expect(store.recordRun(run({ detail: undefined }))).toMatchObject({ via: 'cli', detail: null });
  });

  it('when a detail has several lines, then only the first is kept', () => {
    store = openProgress(':memory:');
    expect(store.recordRun(run({ detail: '3 failed\n  at POST /api/users' })).detail).toBe('3 failed');
  });

  it('when a command ran several times, then the latest run counts, even one that failed after a pass', () => {
    store = openProgress(join(dir, 'p.sqlite'), { now });
    store.recordRun(run({ passed: true }));
    clock = new Date('2024-05-02T10:00:00.000Z');
    store.recordRun(run({ passed: false, detail: '3 failed' }));
    expect(latest('journey test monolith')).toMatchObject({ passed: false, detail: '3 failed' });
  });

  it('when two runs share a timestamp, then the one recorded last counts', () => {
    store = openProgress(':memory:', { now });
    store.recordRun(run({ passed: false }));
    store.recordRun(run({ passed: true }));
    expect(latest('journey test monolith')?.passed).toBe(true);
  });

  it('when the latest run does not match, then the latest one that does is returned', () => {
    store = openProgress(':memory:', { now });
    store.recordRun(run({ positionals: ['hexagonal'], flags: { db: 'postgres' }, detail: 'on postgres' }));
    store.recordRun(run({ positionals: ['hexagonal'], flags: { db: 'sqlite' }, detail: 'on sqlite' }));
    store.recordRun(run({ positionals: ['layered'], flags: { db: 'postgres' } }));
    expect(latest('journey test hexagonal --db postgres')?.detail).toBe('on postgres');
    expect(latest('journey test hexagonal --db sqlite')?.detail).toBe('on sqlite');
    expect(latest('journey test hexagonal')?.detail).toBe('on sqlite');
    expect(latest('journey check hexagonal')).toBeNull();
  });

  it('when a run measured two patterns, then it is a run of either and of both', () => {
    store = openProgress(':memory:');
    store.recordRun(run({ command: 'bench', positionals: ['monolith', 'microservices'] }));
    expect(latest('journey bench monolith')).not.toBeNull();
    expect(latest('journey bench microservices monolith')).not.toBeNull();
    expect(latest('journey bench layered monolith')).toBeNull();
  });

  it('when the store is closed and reopened, then marks and runs are still there', () => {
    const file = join(dir, 'nested', 'progress.sqlite');
    const first = openProgress(file, { now });
    first.markDone('monolith');
    first.recordRun(run({ command: 'check', flags: {}, detail: 'no violations' }));
    first.close();

    store = openProgress(file);
    expect(store.markOf('monolith')).toMatchObject({ done: true, doneAt: '2024-05-01T10:00:00.000Z' });
    expect(latest('journey check monolith')).toMatchObject({ passed: true, detail: 'no violations' });
  });

  it('when JOURNEY_PROGRESS_DB is set and no file is given, then the store lives there, in WAL mode', () => {
    const file = join(dir, 'from-env.sqlite');
    vi.stubEnv('JOURNEY_PROGRESS_DB', file);
    store = openProgress();
    store.markDone('hexagonal');
    expect(store.file).toBe(file);
    store.close();
    store = undefined;

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT slug FROM stage_done').all()).toEqual([{ slug: 'hexagonal' }]);
    } finally {
      raw.close();
    }
  });

  it('when JOURNEY_HOME is set and no file is given, then progress.sqlite is created in it', () => {
    vi.stubEnv('JOURNEY_PROGRESS_DB', '');
    vi.stubEnv('JOURNEY_HOME', join(dir, 'home'));
    store = openProgress();
    expect(store.file).toBe(join(dir, 'home', 'progress.sqlite'));
    expect(existsSync(store.file)).toBe(true);
  });

  it('when a stage is marked done twice, then the first timestamp is kept; when unmarked, then runs stay', () => {
    store = openProgress(join(dir, 'p.sqlite'), { now: () => clock });
    clock = new Date('2024-06-01T00:00:00.000Z');
    store.markDone('serverless');
    clock = new Date('2024-07-01T00:00:00.000Z');
    store.markDone('serverless');
    expect(store.markOf('serverless').doneAt).toBe('2024-06-01T00:00:00.000Z');

    store.recordRun(run({ positionals: ['serverless'] }));
    store.markNotDone('serverless');
    expect(store.markOf('serverless')).toMatchObject({ done: false, doneAt: null });
    expect(latest('journey test serverless')).not.toBeNull();
  });

  it('when given an unknown stage, an unknown origin or no command, then it refuses', () => {
    store = openProgress(':memory:');
    // @ts-expect-error: the CLI and dashboard may hand over unchecked strings
    expect(() => store!.markDone('monolithic')).toThrow('unknown stage "monolithic"');
    // @ts-expect-error: as above
    expect(() => store!.recordRun(run({ via: 'cron' }))).toThrow('comes from cli or dashboard, got "cron"');
    expect(() => store!.recordRun(run({ command: ' ' }))).toThrow('needs the command it ran');
  });
});

describe('a schema 1 progress file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journey-progress-v1-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The file as the lab before check runs wrote it: marks, and the dashboard's `contract` results. */
  function writeSchema1(file: string) {
    const db = new Database(file);
    db.exec(`
      CREATE TABLE stage_done (slug TEXT PRIMARY KEY, done_at TEXT NOT NULL);
      CREATE TABLE checkpoint_result (
        slug TEXT NOT NULL, checkpoint_id TEXT NOT NULL,
        passed INTEGER NOT NULL CHECK (passed IN (0, 1)), at TEXT NOT NULL, detail TEXT,
        PRIMARY KEY (slug, checkpoint_id)
      );
      INSERT INTO stage_done VALUES ('monolith', '2024-01-01T00:00:00.000Z');
      INSERT INTO checkpoint_result VALUES ('layered', 'contract', 1, '2024-01-02T00:00:00.000Z', NULL);
      PRAGMA user_version = 1;
    `);
    db.close();
  }

  it('when opened, then it is migrated in place: marks kept, runs recordable, schema at the current version', () => {
    const file = join(dir, 'progress.sqlite');
    writeSchema1(file);
    const store = openProgress(file);
    try {
      expect(store.markOf('monolith')).toMatchObject({ done: true, doneAt: '2024-01-01T00:00:00.000Z' });
      store.recordRun({ command: 'test', positionals: ['layered'], passed: true, code: 'unknown' });
      expect(store.latestRun(parseCheckCommand('journey test layered'))?.passed).toBe(true);
    } finally {
      store.close();
    }
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      raw.close();
    }
  });

  it("when migrated, then schema 1's contract results earn nothing but stay for a server still writing them", () => {
    const file = join(dir, 'progress.sqlite');
    writeSchema1(file);
    const store = openProgress(file);
    try {
      expect(store.latestRun(parseCheckCommand('journey test layered'))).toBeNull();
    } finally {
      store.close();
    }
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.prepare('SELECT slug, checkpoint_id FROM checkpoint_result').all()).toEqual([
        { slug: 'layered', checkpoint_id: 'contract' },
      ]);
    } finally {
      raw.close();
    }
  });

  it('when a file is new, then it never gets the schema 1 results table', () => {
    const file = join(dir, 'fresh.sqlite');
    openProgress(file).close();
    const raw = new Database(file, { readonly: true });
    try {
      const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      expect(tables.map((t) => (t as { name: string }).name)).toEqual([
        'check_run',
        'sqlite_sequence',
        'stage_done',
      ]);
    } finally {
      raw.close();
    }
  });

  it('when the file is newer than the lab, then opening it says to update the lab', () => {
    const file = join(dir, 'progress.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openProgress(file)).toThrow(`holds progress schema ${SCHEMA_VERSION + 1}, newer than`);
  });
});
