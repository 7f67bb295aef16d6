import { type CheckpointProgress, checkpointResults, earnedCount } from './checkpoint-results.js';
import type { ProgressStore, StageMark } from './progress.store.js';
import type { Stage, StageSlug } from './stage.js';

/**
 * Where a learner stands on a stage, decided in this order (the first rule that holds wins):
 * - `done (earned)`: the stage declares checkpoints and every one of them passed (see checkpointResults);
 * - `done (marked)`: the learner marked the stage done by hand, whatever the checkpoints say;
 * - `in progress`: at least one checkpoint passed;
 * - `runnable`: the pattern exists in the repository, so the learner can start it, but nothing passed yet;
 * - `not started`: otherwise (the pattern is not built yet and nothing passed).
 * Earned wins over marked so the roadmap tells a learner which "done" a check backs.
 */
export type StageStatus = 'not started' | 'runnable' | 'in progress' | 'done (earned)' | 'done (marked)';

export const STAGE_STATUSES: readonly StageStatus[] = [
  'not started',
  'runnable',
  'in progress',
  'done (earned)',
  'done (marked)',
];

export type StageStatuses = Partial<Record<StageSlug, StageStatus>>;

export const isDone = (status: StageStatus | undefined): boolean =>
  status === 'done (earned)' || status === 'done (marked)';

/** Everything the roadmap shows of one stage: its status, the learner's mark and each checkpoint's result. */
export interface StageProgress {
  slug: StageSlug;
  status: StageStatus;
  /** The learner marked it done by hand (the status may still say earned). */
  markedDone: boolean;
  /** When the learner first marked it; null when not marked. */
  doneAt: string | null;
  checkpoints: CheckpointProgress[];
  /** Checkpoints passed, of `total`. */
  earned: number;
  total: number;
}

export function stageStatus(
  checkpoints: readonly CheckpointProgress[],
  mark: Pick<StageMark, 'done'>,
  runnable: boolean,
): StageStatus {
  const { earned, total } = earnedCount(checkpoints);
  if (total > 0 && earned === total) return 'done (earned)';
  if (mark.done) return 'done (marked)';
  if (earned > 0) return 'in progress';
  return runnable ? 'runnable' : 'not started';
}

/** One stage's progress from the store; `runnable` says whether its pattern exists in the repository. */
export function stageProgress(
  stage: Stage,
  store: Pick<ProgressStore, 'latestRun' | 'markOf'>,
  runnable: boolean,
): StageProgress {
  const checkpoints = checkpointResults(stage, store);
  const mark = store.markOf(stage.slug);
  return {
    slug: stage.slug,
    status: stageStatus(checkpoints, mark, runnable),
    markedDone: mark.done,
    doneAt: mark.doneAt,
    checkpoints,
    ...earnedCount(checkpoints),
  };
}

/** The progress of every stage, keyed by slug. */
export function roadmapProgress(
  stages: readonly Stage[],
  store: Pick<ProgressStore, 'latestRun' | 'markOf'>,
  isRunnable: (slug: StageSlug) => boolean,
): Partial<Record<StageSlug, StageProgress>> {
  return Object.fromEntries(
    stages.map((stage) => [stage.slug, stageProgress(stage, store, isRunnable(stage.slug))]),
  );
}

/** The status of every stage, keyed by slug; see StageStatus for the rules. */
export function stageStatuses(
  stages: readonly Stage[],
  store: Pick<ProgressStore, 'latestRun' | 'markOf'>,
  isRunnable: (slug: StageSlug) => boolean,
): StageStatuses {
  const progress = roadmapProgress(stages, store, isRunnable);
  return Object.fromEntries(stages.map((stage) => [stage.slug, progress[stage.slug]!.status]));
}

/** The first stage along the suggested path that is not done (earned or marked), or undefined when all are. */
export function nextStage(stages: readonly Stage[], statuses: StageStatuses): Stage | undefined {
  return [...stages]
    .sort((a, b) => a.suggestedOrder - b.suggestedOrder)
    .find((stage) => !isDone(statuses[stage.slug]));
}
