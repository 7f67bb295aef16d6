import type { Reporter, TestModule } from 'vitest/node';

/** Names the acceptance tests (JSON array, relative to the worktree) for the exercise's vitest config. */
export const EXERCISE_TESTS_ENV = 'JOURNEY_EXERCISE_TESTS';

/** Where the exercise's vitest config has the JSON reporter write its results. */
export const EXERCISE_REPORT_ENV = 'JOURNEY_EXERCISE_REPORT';

/** Lines of the child's stdout that announce a finished test file, apart from whatever the tests print. */
export const PROGRESS_MARK = '@@journey-exercise ';

/** A test file that finished, as the progress line carries it. */
export interface FileFinished {
  /** Relative to the worktree. */
  file: string;
  passed: number;
  failed: number;
}

/**
 * A vitest reporter that prints one marked line per finished test file, so the check can show that it
 * moves. The verdict itself comes from vitest's JSON reporter, never from these lines.
 */
export function progressReporter(): Reporter {
  let root = '';
  return {
    onInit(vitest) {
      root = vitest.config.root;
    },
    onTestModuleEnd(module: TestModule) {
      const states = [...module.children.allTests()].map((test) => test.result().state);
      const finished: FileFinished = {
        file: module.moduleId.startsWith(`${root}/`)
          ? module.moduleId.slice(root.length + 1)
          : module.moduleId,
        passed: states.filter((s) => s === 'passed').length,
        failed: states.filter((s) => s === 'failed').length + module.errors().length,
      };
      process.stdout.write(`${PROGRESS_MARK}${JSON.stringify(finished)}\n`);
    },
  };
}
