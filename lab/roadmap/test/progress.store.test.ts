import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataDir, openProgress, type ProgressStore, progressFile } from '../src/index.js';

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

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'journey-progress-'));
  });
  afterEach(() => {
    store?.close();
    store = undefined;
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a stage was never touched, then its progress is empty', () => {
    store = openProgress(join(dir, 'progress.sqlite'));
    expect(store.progressOf('soa')).toEqual({ slug: 'soa', done: false, doneAt: null, checkpoints: [] });
  });

  it('when the store is closed and reopened, then marks and checkpoint results are still there', () => {
    const file = join(dir, 'nested', 'progress.sqlite');
    const first = openProgress(file, { now });
    first.markDone('monolith');
    first.recordCheckpoint('layered', 'contract', true, '42/42 passed');
    first.recordCheckpoint('layered', 'fitness', false);
    first.close();

    store = openProgress(file);
    expect(store.progressOf('monolith')).toMatchObject({ done: true, doneAt: '2024-05-01T10:00:00.000Z' });
    expect(store.progressOf('layered').checkpoints).toEqual([
      { id: 'contract', passed: true, at: '2024-05-01T10:00:00.000Z', detail: '42/42 passed' },
      { id: 'fitness', passed: false, at: '2024-05-01T10:00:00.000Z', detail: null },
    ]);
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

  it('when a checkpoint is recorded again, then the latest result replaces the earlier one', () => {
    store = openProgress(join(dir, 'p.sqlite'), { now });
    store.recordCheckpoint('soa', 'contract', false, 'POST /api/users failed');
    clock = new Date('2024-05-02T10:00:00.000Z');
    const result = store.recordCheckpoint('soa', 'contract', true);
    expect(result).toEqual({ id: 'contract', passed: true, at: '2024-05-02T10:00:00.000Z', detail: null });
    expect(store.progressOf('soa').checkpoints).toEqual([result]);
  });

  it('when a stage is marked done twice, then the first timestamp is kept; when unmarked, then it is cleared', () => {
    store = openProgress(join(dir, 'p.sqlite'), { now: () => clock });
    clock = new Date('2024-06-01T00:00:00.000Z');
    store.markDone('serverless');
    clock = new Date('2024-07-01T00:00:00.000Z');
    store.markDone('serverless');
    expect(store.progressOf('serverless').doneAt).toBe('2024-06-01T00:00:00.000Z');

    store.recordCheckpoint('serverless', 'contract', true);
    store.markNotDone('serverless');
    expect(store.progressOf('serverless')).toMatchObject({ done: false, doneAt: null });
    expect(store.progressOf('serverless').checkpoints).toHaveLength(1);
  });

  it('when given an unknown stage or a malformed checkpoint id, then it refuses', () => {
    store = openProgress(':memory:');
    // @ts-expect-error: the CLI and dashboard may hand over unchecked strings
    expect(() => store!.markDone('monolithic')).toThrow('unknown stage "monolithic"');
    expect(() => store!.recordCheckpoint('soa', 'Hop Cost', true)).toThrow('kebab-case');
  });
});
