import { fileURLToPath } from 'node:url';
import { parseCheckCommand, runMatches } from './check-command.js';
import type { CheckRun, CheckRunInput, CheckRunVia, RecordedCheckpoint } from './check-run.js';
import { checkpointResults } from './checkpoint-results.js';
import { codeVersion } from './code-version.js';
import { openProgress, type ProgressStore } from './progress.store.js';
import { DEFAULT_ROADMAP_DIR, loadRoadmap } from './roadmap.loader.js';

/** The checkout this package lives in: what a check runs against unless it names another tree. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Set by whoever starts the CLI on the learner's behalf (the dashboard's run buttons): the runs the
 * child records then say where the learner started them.
 */
export const RUN_VIA_ENV = 'JOURNEY_RUN_VIA';

export interface RecordCheckRunOptions {
  /** The progress file; the default store's (see openProgress) when not given. */
  file?: string;
  /** The roadmap whose checkpoints the run decides; the repository's when not given. */
  roadmapDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Records one run in the learner's progress store and returns the checkpoints (of every stage) whose
 * `earnedBy` it matches, with the pass state they have now, for the command to print (see
 * formatRecorded). Never throws: a store or roadmap problem is a warning on stderr and an empty list,
 * because a check that passed must not turn into a crash for want of a place to write it.
 */
export function recordCheckRun(
  run: CheckRunInput,
  options: RecordCheckRunOptions = {},
): RecordedCheckpoint[] {
  const named = `"journey ${[run.command, ...run.positionals].join(' ')}"`;
  let store: ProgressStore | undefined;
  try {
    store = options.file === undefined ? openProgress() : openProgress(options.file);
  } catch (error) {
    warn(`this run of ${named} was not recorded: ${(error as Error).message}`);
    return [];
  }
  try {
    let recorded: CheckRun;
    try {
      recorded = store.recordRun({
        command: run.command,
        positionals: run.positionals,
        flags: run.flags ?? {},
        passed: run.passed,
        detail: run.detail ?? null,
        via: run.via ?? viaFromEnv(options.env ?? process.env),
        code: codeVersion(run.codeDir ?? REPOSITORY_ROOT),
      });
    } catch (error) {
      warn(`this run of ${named} was not recorded in ${store.file}: ${(error as Error).message}`);
      return [];
    }
    try {
      return decidedBy(recorded, store, options.roadmapDir ?? DEFAULT_ROADMAP_DIR);
    } catch (error) {
      warn(
        `this run of ${named} was recorded, but not which checkpoints it decides: ${(error as Error).message}`,
      );
      return [];
    }
  } finally {
    store.close();
  }
}

/** The checkpoints, of every stage, that name a command `run` is a run of, with their state now. */
function decidedBy(run: CheckRun, store: ProgressStore, roadmapDir: string): RecordedCheckpoint[] {
  const decided: RecordedCheckpoint[] = [];
  for (const stage of loadRoadmap(roadmapDir)) {
    const matching = stage.checkpoints.filter((checkpoint) =>
      checkpoint.earnedBy.some((line) => runMatches(run, parseCheckCommand(line))),
    );
    for (const checkpoint of checkpointResults({ checkpoints: matching }, store)) {
      const passed = checkpoint.result?.passed === true;
      decided.push({
        stage: stage.slug,
        checkpoint: checkpoint.id,
        passed,
        ...(!passed && { detail: checkpoint.result?.detail ?? null }),
      });
    }
  }
  return decided;
}

function warn(message: string): void {
  console.error(`journey: ${message}`);
}

/**
 * The lines every command prints after recording a run, one per checkpoint it decided:
 * `✓ checkpoint monolith › contract earned` or `✗ checkpoint monolith › contract not earned: 3 failed`.
 */
export function formatRecorded(list: readonly RecordedCheckpoint[]): string[] {
  return list.map(({ stage, checkpoint, passed, detail }) => {
    const name = `checkpoint ${stage} › ${checkpoint}`;
    if (passed) return `✓ ${name} earned`;
    return `✗ ${name} not earned${detail ? `: ${detail}` : ''}`;
  });
}

function viaFromEnv(env: NodeJS.ProcessEnv): CheckRunVia {
  return env[RUN_VIA_ENV] === 'dashboard' ? 'dashboard' : 'cli';
}
