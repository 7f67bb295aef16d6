import { parseCheckCommand } from './check-command.js';
import type { CheckRun, CheckRunVia } from './check-run.js';
import type { ProgressStore } from './progress.store.js';
import type { Checkpoint, Stage } from './stage.js';

/** The latest run of one `earnedBy` command. */
export interface CommandRun {
  /** As the roadmap file writes it: `journey test hexagonal --db postgres`. */
  command: string;
  run: CheckRun;
}

/** Where a checkpoint stands, from the latest run of each command that earns it. */
export interface CheckpointResult {
  /** Every earnedBy command has run and its latest run passed. */
  passed: boolean;
  /** The deciding run's (see decidingRun); `detail` says which command is missing when that decides. */
  at: string;
  detail: string | null;
  code: string;
  via: CheckRunVia;
  /** The latest matching run of each earnedBy command that has run, in the roadmap's order. */
  runs: CommandRun[];
  /** earnedBy commands with no run yet. */
  missing: string[];
}

export interface CheckpointProgress extends Checkpoint {
  /** null while none of its commands has run. */
  result: CheckpointResult | null;
}

/** Each checkpoint of the stage, in the roadmap's order, with its result from the recorded runs. */
export function checkpointResults(
  stage: Pick<Stage, 'checkpoints'>,
  store: Pick<ProgressStore, 'latestRun'>,
): CheckpointProgress[] {
  return stage.checkpoints.map((checkpoint) => ({ ...checkpoint, result: resultOf(checkpoint, store) }));
}

/** "2 of 4": how many of the stage's checkpoints are earned. */
export function earnedCount(checkpoints: readonly CheckpointProgress[]): { earned: number; total: number } {
  return {
    earned: checkpoints.filter((c) => c.result?.passed === true).length,
    total: checkpoints.length,
  };
}

function resultOf(checkpoint: Checkpoint, store: Pick<ProgressStore, 'latestRun'>): CheckpointResult | null {
  const runs: CommandRun[] = [];
  const missing: string[] = [];
  for (const command of checkpoint.earnedBy) {
    const run = store.latestRun(parseCheckCommand(command));
    if (run) runs.push({ command, run });
    else missing.push(command);
  }
  if (runs.length === 0) return null;
  const passed = missing.length === 0 && runs.every(({ run }) => run.passed);
  const deciding = decidingRun(runs);
  const detail =
    deciding.run.passed && missing.length > 0 ? `not run yet: ${missing.join('; ')}` : deciding.run.detail;
  return {
    passed,
    at: deciding.run.at,
    detail,
    code: deciding.run.code,
    via: deciding.run.via,
    runs,
    missing,
  };
}

/** The run that explains the verdict: the latest failing one when any failed, else the latest. */
function decidingRun(runs: CommandRun[]): CommandRun {
  const latestOf = (list: CommandRun[]) =>
    list.reduce((latest, entry) => (entry.run.at > latest.run.at ? entry : latest));
  const failed = runs.filter(({ run }) => !run.passed);
  return latestOf(failed.length > 0 ? failed : runs);
}
