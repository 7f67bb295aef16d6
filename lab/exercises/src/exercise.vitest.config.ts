import { defineConfig } from 'vitest/config';
import { EXERCISE_REPORT_ENV, EXERCISE_TESTS_ENV, progressReporter } from './exercise-progress.js';

/**
 * The config `journey exercise <slug> check` runs vitest with, rooted in the learner's worktree. The
 * repository's own config includes only `*\/test/**`, so it would not find the acceptance tests in a
 * pattern's `exercise/`; this one includes exactly the files the check names.
 */
const tests = JSON.parse(process.env[EXERCISE_TESTS_ENV] ?? '[]') as string[];
if (tests.length === 0) throw new Error(`${EXERCISE_TESTS_ENV} names no acceptance test to run`);
const report = process.env[EXERCISE_REPORT_ENV];
if (!report) throw new Error(`${EXERCISE_REPORT_ENV} names no file for the results`);

export default defineConfig({
  test: {
    include: tests,
    // Acceptance tests start the learner's app in-process on SQLite: seconds, but a slow machine is shared.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    watch: false,
    reporters: [progressReporter(), ['json', { outputFile: report }]],
  },
});
