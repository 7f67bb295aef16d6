import { choiceFlags, repoRoot } from '@journey/orchestrator';
import { type CheckRunInput, codeVersion, type ProgressStore } from '@journey/roadmap';
import type { PatternRun } from './lab-port.js';

/** A check the dashboard ran itself (the suites, an experiment), to record as the CLI records its own. */
export type CheckRecorder = (run: Omit<CheckRunInput, 'via' | 'codeDir'>) => void;

/**
 * Records into the store the dashboard serves the roadmap from, as a run from the dashboard against the
 * repository's code. A store problem is logged, never thrown: the learner's run happened either way.
 */
export function progressRecorder(progress: ProgressStore): CheckRecorder {
  return (run) => {
    try {
      progress.recordRun({ ...run, via: 'dashboard', code: codeVersion(repoRoot) });
    } catch (error) {
      console.warn(`journey dashboard: could not record the ${run.command} run: ${(error as Error).message}`);
    }
  };
}

/**
 * The flags a CLI run on the same copy would have had (`{ db: 'sqlite', broker: 'nats' }`), from what
 * the running copy runs on, so a run from the page matches the same checkpoint commands as a terminal's.
 */
export const runFlags = (run: PatternRun) => choiceFlags(run.infrastructure);
