import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  codeVersion,
  formatRecorded,
  openProgress,
  parseCheckCommand,
  REPOSITORY_ROOT,
  RUN_VIA_ENV,
  recordCheckRun,
} from '../src/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journey-record-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function latestRun(file: string, line: string) {
  const store = openProgress(file);
  try {
    return store.latestRun(parseCheckCommand(line));
  } finally {
    store.close();
  }
}

describe('recordCheckRun', () => {
  it('when a run is recorded, then it is stored with the code it ran against and comes from the CLI', () => {
    const file = join(dir, 'progress.sqlite');
    recordCheckRun(
      { command: 'check', positionals: ['monolith'], passed: true, detail: 'no violations', codeDir: dir },
      { file, env: {} },
    );
    expect(latestRun(file, 'journey check monolith')).toMatchObject({
      passed: true,
      detail: 'no violations',
      flags: {},
      via: 'cli',
      code: 'unknown',
    });
  });

  it('when it decides checkpoints, then it returns each with its new state, of every stage', () => {
    const file = join(dir, 'progress.sqlite');
    const decided = recordCheckRun(
      { command: 'bench', positionals: ['microservices', 'monolith'], flags: { db: 'sqlite' }, passed: true },
      { file },
    );
    expect(decided).toEqual([
      { stage: 'monolith', checkpoint: 'baseline', passed: true },
      { stage: 'microservices', checkpoint: 'hop-cost', passed: true },
    ]);
  });

  it('when the run matches no checkpoint, then it is recorded and nothing is decided', () => {
    const file = join(dir, 'progress.sqlite');
    expect(recordCheckRun({ command: 'bench', positionals: ['hexagonal'], passed: true }, { file })).toEqual(
      [],
    );
    expect(latestRun(file, 'journey bench hexagonal')).not.toBeNull();
  });

  it('when a checkpoint needs another command too, then it is not earned and says which is missing', () => {
    const file = join(dir, 'progress.sqlite');
    const decided = recordCheckRun(
      { command: 'test', positionals: ['hexagonal'], flags: { db: 'sqlite' }, passed: true },
      { file },
    );
    expect(decided).toEqual([
      { stage: 'hexagonal', checkpoint: 'contract', passed: true },
      {
        stage: 'hexagonal',
        checkpoint: 'adapter-swap',
        passed: false,
        detail: 'not run yet: journey test hexagonal --db postgres',
      },
    ]);
  });

  it('when the dashboard started the CLI, then the run says so', () => {
    const file = join(dir, 'progress.sqlite');
    recordCheckRun(
      { command: 'test', positionals: ['monolith'], passed: false, detail: '3 failed' },
      { file, env: { [RUN_VIA_ENV]: 'dashboard' } },
    );
    expect(latestRun(file, 'journey test monolith')).toMatchObject({ via: 'dashboard', passed: false });
  });

  it('when the store cannot be opened, then it warns on stderr and returns nothing instead of throwing', () => {
    const warn = vi.spyOn(console, 'error').mockImplementation(() => {});
    const notAFile = join(dir, 'a-folder');
    mkdirSync(notAFile);
    expect(
      recordCheckRun({ command: 'test', positionals: ['monolith'], passed: true }, { file: notAFile }),
    ).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(`this run of "journey test monolith" was not recorded`),
    );
  });

  it('when the roadmap cannot be read, then the run is still recorded and a warning explains the rest', () => {
    const warn = vi.spyOn(console, 'error').mockImplementation(() => {});
    const file = join(dir, 'progress.sqlite');
    const decided = recordCheckRun(
      { command: 'check', positionals: ['monolith'], passed: true },
      { file, roadmapDir: join(dir, 'no-roadmap') },
    );
    expect(decided).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'this run of "journey check monolith" was recorded, but not which checkpoints it decides',
      ),
    );
    expect(latestRun(file, 'journey check monolith')).not.toBeNull();
  });
});

describe('formatRecorded', () => {
  it('when printed, then earned and not earned checkpoints read differently, with the reason', () => {
    expect(
      formatRecorded([
        { stage: 'monolith', checkpoint: 'contract', passed: true },
        { stage: 'monolith', checkpoint: 'fitness', passed: false, detail: '3 violations' },
        { stage: 'layered', checkpoint: 'contract', passed: false },
      ]),
    ).toEqual([
      '✓ checkpoint monolith › contract earned',
      '✗ checkpoint monolith › fitness not earned: 3 violations',
      '✗ checkpoint layered › contract not earned',
    ]);
  });
});

describe('codeVersion', () => {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

  function commitOneFile() {
    git('init', '-q');
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
    git('add', 'a.ts');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'one');
    return git('rev-parse', '--short', 'HEAD');
  }

  it('when the folder is not a git checkout, then the version is unknown', () => {
    expect(codeVersion(dir)).toBe('unknown');
  });

  it('when the tree is clean, then the version is the short commit', () => {
    const commit = commitOneFile();
    expect(codeVersion(dir)).toBe(commit);
  });

  it('when files changed, then a hash of the changes follows the commit, the same for the same change', () => {
    const commit = commitOneFile();
    writeFileSync(join(dir, 'a.ts'), 'export const a = 2;\n');
    const edited = codeVersion(dir);
    expect(edited).toMatch(new RegExp(`^${commit}\\+[0-9a-f]{8}$`));
    expect(codeVersion(dir)).toBe(edited);
    writeFileSync(join(dir, 'a.ts'), 'export const a = 3;\n');
    expect(codeVersion(dir)).not.toBe(edited);
  });

  it('when only an untracked file differs, then its content changes the version', () => {
    commitOneFile();
    writeFileSync(join(dir, 'b.ts'), 'export const b = 1;\n');
    const first = codeVersion(dir);
    writeFileSync(join(dir, 'b.ts'), 'export const b = 2;\n');
    expect(codeVersion(dir)).not.toBe(first);
  });

  it('when asked from a subfolder, then the whole tree counts; an untracked link to a folder is hashed by name', () => {
    commitOneFile();
    mkdirSync(join(dir, 'sub'));
    symlinkSync(tmpdir(), join(dir, 'linked'));
    writeFileSync(join(dir, 'sub', 'c.ts'), 'export const c = 1;\n');
    expect(codeVersion(join(dir, 'sub'))).toBe(codeVersion(dir));
  });

  it('when run on this repository, then it names a commit', () => {
    expect(codeVersion(REPOSITORY_ROOT)).toMatch(/^[0-9a-f]{7,}(\+[0-9a-f]{8})?$/);
  });
});
