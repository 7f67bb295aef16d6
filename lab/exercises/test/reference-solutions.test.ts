import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openProgress, parseCheckCommand, STAGE_SLUGS } from '@journey/roadmap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExercise, type ExerciseVerdict } from '../src/check-exercise.js';
import { declaredExercises, patternFolderIn } from '../src/declared-exercises.js';
import { type ExercisePlace, labRepository } from '../src/exercise-place.js';
import { removeExercise, resetExercise, startExercise } from '../src/exercise-worktree.js';

/**
 * The CI proof that every exercise is fair: its check fails on the untouched start, passes once the
 * reference solution is applied, and fails again after `reset`; the lab's own working tree is left as
 * it was. Runs each declared exercise in turn on a throw-away data dir (about a minute each on the
 * 2-core machine: three checks, each a vitest child plus the dependency rules).
 */
const declared = await declaredExercises();
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

const STEP_TIMEOUT = 300_000;

it('every built stage declares an exercise', () => {
  const built = STAGE_SLUGS.filter((slug) =>
    existsSync(join(labRepository, 'patterns', slug, 'topology.ts')),
  );
  expect(declared.map((d) => d.slug)).toEqual(built);
});

for (const { slug, exercise } of declared) {
  describe(`the ${slug} exercise (${exercise.title})`, () => {
    let place: ExercisePlace;
    let progressFile: string;
    let mainTreeBefore: string;
    const check = () => checkExercise(slug, { place, progressFile });
    const lastRecorded = () => {
      const progress = openProgress(progressFile);
      try {
        return progress.latestRun(parseCheckCommand(`journey exercise ${slug} check`));
      } finally {
        progress.close();
      }
    };
    const failures = (verdict: ExerciseVerdict) => verdict.detail;
    const solution = () => join(patternFolderIn(labRepository, slug), exercise.solution);
    /**
     * The lab's working tree where an exercise could leak into it: the files its solution changes and
     * its tests. Only those, because other work may change the rest of a developer's tree
     * meanwhile; in CI the whole tree is clean anyway.
     */
    const mainTreeStatus = () => {
      const patched = git(labRepository, 'apply', '--numstat', solution())
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[2]!);
      const tests = exercise.tests.map((test) => join('patterns', slug, test));
      return git(
        labRepository,
        'status',
        '--porcelain',
        '--ignored',
        '--',
        ...patched,
        ...tests,
        'node_modules',
      );
    };

    beforeAll(async () => {
      place = {
        repository: labRepository,
        dataDir: mkdtempSync(join(tmpdir(), `journey-exercise-${slug}-`)),
      };
      progressFile = join(place.dataDir, 'progress.sqlite');
      mainTreeBefore = mainTreeStatus();
      await startExercise(slug, place);
    }, STEP_TIMEOUT);

    afterAll(async () => {
      if (place) {
        await removeExercise(slug, place);
        rmSync(place.dataDir, { recursive: true, force: true });
      }
    }, STEP_TIMEOUT);

    it(
      'when the start is untouched (its acceptance tests edited to pass), then the check fails and the failed run is recorded',
      async () => {
        // The check copies the tests from the lab's checkout again, so editing the worktree's copies changes nothing.
        const copies = exercise.tests.map((test) =>
          join(place.dataDir, 'exercises', slug, 'patterns', slug, test),
        );
        for (const copy of copies) {
          mkdirSync(dirname(copy), { recursive: true });
          writeFileSync(copy, "import { it } from 'vitest';\nit('passes', () => {});\n");
        }
        const verdict = await check();
        for (const [i, copy] of copies.entries()) {
          expect(readFileSync(copy, 'utf8')).toBe(
            readFileSync(join(patternFolderIn(labRepository, slug), exercise.tests[i]!), 'utf8'),
          );
        }
        expect(verdict.passed, 'the untouched start must not pass').toBe(false);
        expect(verdict.tests.some((t) => !t.passed)).toBe(true);
        expect(verdict.hints).toEqual(exercise.hints);
        expect(lastRecorded()).toMatchObject({ passed: false, command: 'exercise' });
      },
      STEP_TIMEOUT,
    );

    it(
      'when the reference solution is applied, then the check passes and is recorded against the changed code',
      async () => {
        const worktree = join(place.dataDir, 'exercises', slug);
        git(worktree, 'apply', solution());
        const verdict = await check();
        expect(verdict.passed, `the reference solution fails: ${failures(verdict)}`).toBe(true);
        expect(verdict.tests.length).toBeGreaterThan(0);
        if (exercise.rules) expect(verdict.rules?.violations).toEqual([]);
        expect(lastRecorded()).toMatchObject({ passed: true, code: verdict.code });
        expect(verdict.code).toMatch(/^[0-9a-f]{7,}\+[0-9a-f]{8}$/);
      },
      STEP_TIMEOUT,
    );

    it(
      'when reset, then the check fails again and the lab’s working tree is as it was',
      async () => {
        await resetExercise(slug, place);
        expect((await check()).passed, 'reset must bring back the failing start').toBe(false);
        expect(mainTreeStatus()).toBe(mainTreeBefore);
      },
      STEP_TIMEOUT,
    );
  });
}
