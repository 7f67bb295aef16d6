import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoSuchExercise } from '../src/declared-exercises.js';
import type { ExercisePlace } from '../src/exercise-place.js';
import {
  ExerciseProblem,
  exerciseState,
  removeExercise,
  resetExercise,
  startExercise,
} from '../src/exercise-worktree.js';
import { FAKE_STAGE, fakeRepository, gitIn } from './fake-repository.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakePlace(): ExercisePlace {
  const place = { repository: fakeRepository(), dataDir: mkdtempSync(join(tmpdir(), 'journey-home-')) };
  made.push(place.repository, place.dataDir);
  return place;
}

const status = (dir: string) => gitIn(dir, 'status', '--porcelain');

async function problemOf(promise: Promise<unknown>): Promise<ExerciseProblem> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExerciseProblem);
  return error as ExerciseProblem;
}

describe('starting an exercise', () => {
  it('when started, then a worktree of HEAD is in the data dir on its own branch, and the repository is untouched', async () => {
    const place = fakePlace();
    const before = status(place.repository);
    const started = await startExercise(FAKE_STAGE, place);
    expect(started.already).toBe(false);
    expect(started.worktree).toBe(join(place.dataDir, 'exercises', FAKE_STAGE));
    expect(started.startCommit).toBe(gitIn(place.repository, 'rev-parse', 'HEAD').trim());
    expect(gitIn(started.worktree, 'branch', '--show-current').trim()).toBe(started.branch);
    expect(existsSync(join(started.worktree, 'node_modules/left-pad/index.js'))).toBe(true);
    expect(status(started.worktree)).toBe('');
    expect(status(place.repository)).toBe(before);
    expect(await exerciseState(FAKE_STAGE, place)).toMatchObject({
      started: true,
      worktree: started.worktree,
    });
  });

  it('when started twice, then the second start changes nothing and says so', async () => {
    const place = fakePlace();
    const first = await startExercise(FAKE_STAGE, place);
    writeFileSync(join(first.worktree, 'work.txt'), 'in progress');
    const second = await startExercise(FAKE_STAGE, place);
    expect(second).toMatchObject({ already: true, worktree: first.worktree, startCommit: first.startCommit });
    expect(readFileSync(join(first.worktree, 'work.txt'), 'utf8')).toBe('in progress');
  });

  it('when the repository is not a git checkout, then starting refuses and says why', async () => {
    const place = fakePlace();
    rmSync(join(place.repository, '.git'), { recursive: true, force: true });
    expect((await problemOf(startExercise(FAKE_STAGE, place))).message).toMatch(/is not a git checkout/);
    expect(await exerciseState(FAKE_STAGE, place)).toMatchObject({
      started: false,
      broken: expect.stringMatching(/is not a git checkout/),
    });
  });

  it('when the stage declares no exercise, then the error lists the stages that do', async () => {
    const place = fakePlace();
    const error = await startExercise('no-such-stage', place).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchExercise);
    expect((error as NoSuchExercise).withExercises).toEqual([FAKE_STAGE]);
  });

  it('when the worktree folder was deleted by hand, then start refuses, names what is left and offers remove', async () => {
    const place = fakePlace();
    const { worktree } = await startExercise(FAKE_STAGE, place);
    rmSync(worktree, { recursive: true, force: true });
    const problem = await problemOf(startExercise(FAKE_STAGE, place));
    expect(problem.message).toMatch(/broken state/);
    expect(problem.message).toMatch(/has .*the branch/);
    expect(problem.message).toContain(`journey exercise ${FAKE_STAGE} remove`);
    expect((await exerciseState(FAKE_STAGE, place)).broken).toMatch(/lacks the folder/);
    expect(await removeExercise(FAKE_STAGE, place)).toEqual({ removed: true });
    expect((await startExercise(FAKE_STAGE, place)).already).toBe(false);
  });

  it('when the branch exists from an earlier lab state, then start refuses instead of reusing it', async () => {
    const place = fakePlace();
    const { branch, worktree } = await startExercise(FAKE_STAGE, place);
    gitIn(place.repository, 'worktree', 'remove', '--force', worktree);
    rmSync(join(place.dataDir, 'exercises'), { recursive: true, force: true });
    expect(gitIn(place.repository, 'branch', '--list', branch)).toContain(branch);
    expect((await problemOf(startExercise(FAKE_STAGE, place))).message).toMatch(/has the branch/);
  });
});

describe('resetting and removing', () => {
  it('when reset, then edits, commits and new files are gone, the packages stay, and the repository is untouched', async () => {
    const place = fakePlace();
    const before = status(place.repository);
    const { worktree, startCommit } = await startExercise(FAKE_STAGE, place);
    const source = join(worktree, `patterns/${FAKE_STAGE}/src/answer.ts`);
    writeFileSync(source, 'export const answer = 42;\n');
    gitIn(worktree, 'commit', '--quiet', '-am', 'the learner commits');
    writeFileSync(source, 'export const answer = 43;\n');
    writeFileSync(join(worktree, `patterns/${FAKE_STAGE}/src/new.ts`), 'export {};\n');
    await resetExercise(FAKE_STAGE, place);
    expect(readFileSync(source, 'utf8')).toBe('export const answer = 41;\n');
    expect(existsSync(join(worktree, `patterns/${FAKE_STAGE}/src/new.ts`))).toBe(false);
    expect(gitIn(worktree, 'rev-parse', 'HEAD').trim()).toBe(startCommit);
    expect(existsSync(join(worktree, 'node_modules/left-pad/index.js'))).toBe(true);
    expect(status(place.repository)).toBe(before);
  });

  it('when reset before it was started, then the problem says to start it', async () => {
    const place = fakePlace();
    expect((await problemOf(resetExercise(FAKE_STAGE, place))).message).toContain(
      `journey exercise ${FAKE_STAGE} start`,
    );
  });

  it('when removed, then the worktree, its branch and the record are gone, and the repository’s packages stay', async () => {
    const place = fakePlace();
    const { worktree, branch } = await startExercise(FAKE_STAGE, place);
    expect(await removeExercise(FAKE_STAGE, place)).toEqual({ removed: true });
    expect(existsSync(worktree)).toBe(false);
    expect(gitIn(place.repository, 'branch', '--list', branch)).toBe('');
    expect(gitIn(place.repository, 'worktree', 'list')).not.toContain(worktree);
    expect(existsSync(join(place.repository, 'node_modules/left-pad/index.js'))).toBe(true);
    expect(existsSync(join(place.repository, 'packages/kit/index.js'))).toBe(true);
    expect(existsSync(join(place.repository, 'packages/kit/node_modules/only-kit/index.js'))).toBe(true);
    expect(await exerciseState(FAKE_STAGE, place)).toMatchObject({ started: false });
    expect(await removeExercise(FAKE_STAGE, place)).toEqual({ removed: false });
  });
});
