import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EXERCISE_REPORT_ENV,
  EXERCISE_TESTS_ENV,
  type FileFinished,
  PROGRESS_MARK,
} from './exercise-progress.js';

const CONFIG = fileURLToPath(new URL('./exercise.vitest.config.ts', import.meta.url));

export interface TestOutcome {
  /** Relative to the worktree. */
  file: string;
  /** The describe blocks and the test's name, joined by ' › '; the file's name when the file itself failed. */
  name: string;
  passed: boolean;
  /** The first line of the first error, when it failed. */
  error?: string;
}

/** What vitest's JSON reporter writes, as far as the verdict reads it. */
interface JsonReport {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: {
      ancestorTitles: string[];
      title: string;
      status: string;
      failureMessages?: string[];
    }[];
  }[];
}

/**
 * Runs the acceptance tests with the repository's vitest in one child process rooted at the worktree,
 * and reads the outcome from vitest's JSON report. `onFileFinished` is called as each file ends.
 */
export async function runExerciseTests(
  repository: string,
  worktree: string,
  tests: string[],
  onFileFinished: (file: FileFinished) => void = () => {},
): Promise<TestOutcome[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'journey-exercise-'));
  const report = join(scratch, 'report.json');
  try {
    const { code, output } = await runVitest(repository, worktree, tests, report, onFileFinished);
    let parsed: JsonReport;
    try {
      parsed = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
    } catch {
      throw new Error(
        `vitest (exit code ${code}) wrote no results for ${tests.join(', ')} in ${worktree}: ${tail(output)}`,
      );
    }
    return outcomesOf(parsed, worktree);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runVitest(
  repository: string,
  worktree: string,
  tests: string[],
  report: string,
  onFileFinished: (file: FileFinished) => void,
): Promise<{ code: number | null; output: string }> {
  const vitest = join(repository, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(process.execPath, [vitest, 'run', '--root', worktree, '--config', CONFIG], {
    cwd: worktree,
    env: {
      ...process.env,
      [EXERCISE_TESTS_ENV]: JSON.stringify(tests),
      [EXERCISE_REPORT_ENV]: report,
      FORCE_COLOR: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(PROGRESS_MARK)) onFileFinished(JSON.parse(line.slice(PROGRESS_MARK.length)));
      else output += `${line}\n`;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', (error) => reject(new Error(`could not run vitest (${vitest}): ${error.message}`)));
    child.on('close', (code) => resolve({ code, output }));
  });
}

function outcomesOf(report: JsonReport, worktree: string): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  for (const result of report.testResults) {
    const file = relative(worktree, result.name);
    for (const test of result.assertionResults) {
      if (test.status !== 'passed' && test.status !== 'failed') continue;
      const error = test.failureMessages?.[0];
      outcomes.push({
        file,
        name: [...test.ancestorTitles, test.title].join(' › '),
        passed: test.status === 'passed',
        ...(test.status === 'failed' && { error: firstLine(error ?? 'failed') }),
      });
    }
    // A file that fails outside any test (it does not load, a hook throws) is a failure of its own.
    if (result.status === 'failed' && result.message) {
      outcomes.push({ file, name: file, passed: false, error: firstLine(result.message) });
    }
  }
  return outcomes;
}

const firstLine = (text: string) =>
  text
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim() ?? text;

const tail = (output: string) => output.trim().split('\n').slice(-8).join(' / ') || 'no output';
