import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Violation } from '@journey/architecture';
import { codeVersion, type RecordedCheckpoint, recordCheckRun } from '@journey/roadmap';
import { exerciseOf, patternFolderIn } from './declared-exercises.js';
import { defaultPlace, type ExercisePlace } from './exercise-place.js';
import type { FileFinished } from './exercise-progress.js';
import { readRecord, writeRecord } from './exercise-state.js';
import { startedExercise } from './exercise-worktree.js';
import { runExerciseTests, type TestOutcome } from './run-exercise-tests.js';

export interface ExerciseVerdict {
  slug: string;
  title: string;
  worktree: string;
  passed: boolean;
  tests: TestOutcome[];
  /** The dependency rules' verdict on the worktree; absent when the exercise does not ask for them. */
  rules?: { modulesChecked: number; violations: Violation[]; notBuilt?: string };
  /** One line: `4 passed, 1 failed, 0 violations; first failure: …`. */
  detail: string;
  /** The exercise's hints when it failed; none when it passed. */
  hints: string[];
  /** The code version the check ran against. */
  code: string;
  /** The checkpoints the recorded run decides, for `formatRecorded`. */
  recorded: RecordedCheckpoint[];
}

export interface CheckOptions {
  place?: ExercisePlace;
  /** The progress file to record the run in; the learner's when not given. */
  progressFile?: string;
  onFileFinished?: (file: FileFinished) => void;
}

/**
 * Judges the learner's worktree: the declared acceptance tests, copied fresh from the lab's checkout
 * (so editing the worktree's copies changes nothing), then the pattern's dependency rules on the
 * worktree's copy of the pattern. Records the run as `journey exercise <slug> check`.
 */
export async function checkExercise(slug: string, options: CheckOptions = {}): Promise<ExerciseVerdict> {
  const place = options.place ?? defaultPlace();
  const { exercise } = await exerciseOf(slug, place);
  const { worktree } = startedExercise(slug, place);
  const inPattern = (path: string) => join('patterns', slug, path);

  for (const test of exercise.tests) {
    const from = join(patternFolderIn(place.repository, slug), test);
    if (!existsSync(from)) {
      throw new Error(
        `patterns/${slug}/pattern.ts declares the acceptance test ${test}, but ${from} does not exist`,
      );
    }
    const to = join(worktree, inPattern(test));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }

  const tests = await runExerciseTests(
    place.repository,
    worktree,
    exercise.tests.map(inPattern),
    options.onFileFinished,
  );
  const rules = exercise.rules ? await rulesOn(slug, join(worktree, 'patterns', slug)) : undefined;
  const passed =
    tests.length > 0 &&
    tests.every((t) => t.passed) &&
    (rules === undefined || (rules.violations.length === 0 && rules.notBuilt === undefined));
  const detail = detailOf(tests, rules);
  const code = codeVersion(worktree);

  const recorded = recordCheckRun(
    { command: 'exercise', positionals: [slug, 'check'], passed, detail, codeDir: worktree },
    options.progressFile === undefined ? {} : { file: options.progressFile },
  );
  const record = readRecord(place, slug);
  if (record)
    writeRecord(place, slug, {
      ...record,
      lastVerdict: { passed, detail, code, at: new Date().toISOString() },
    });

  return {
    slug,
    title: exercise.title,
    worktree,
    passed,
    tests,
    ...(rules && { rules }),
    detail,
    hints: passed ? [] : exercise.hints,
    code,
    recorded,
  };
}

async function rulesOn(slug: string, folder: string): Promise<NonNullable<ExerciseVerdict['rules']>> {
  // Loaded here: dependency-cruiser takes seconds to import, and `journey roadmap` reads exercise states.
  const { checkArchitecture, PatternNotBuilt } = await import('@journey/architecture');
  try {
    const report = await checkArchitecture(slug, folder);
    return { modulesChecked: report.modulesChecked, violations: report.violations };
  } catch (error) {
    if (!(error instanceof PatternNotBuilt)) throw error;
    return { modulesChecked: 0, violations: [], notBuilt: error.message };
  }
}

function detailOf(tests: TestOutcome[], rules: ExerciseVerdict['rules']): string {
  const failed = tests.filter((t) => !t.passed);
  const parts = [`${tests.length - failed.length} passed, ${failed.length} failed`];
  if (rules)
    parts.push(`${rules.violations.length} ${rules.violations.length === 1 ? 'violation' : 'violations'}`);
  const first = failed[0];
  if (tests.length === 0) return `${parts.join(', ')}; no acceptance test ran`;
  if (first) return `${parts.join(', ')}; first failure: ${first.name}: ${first.error ?? 'failed'}`;
  if (rules?.notBuilt) return `${parts.join(', ')}; ${rules.notBuilt}`;
  const violation = rules?.violations[0];
  if (violation) return `${parts.join(', ')}; first violation: ${violation.explanation}`;
  return parts.join(', ');
}
