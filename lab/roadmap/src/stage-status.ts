import type { ProgressStore, StageProgress } from './progress.store.js';
import type { Stage, StageSlug } from './stage.js';

/**
 * Where a learner stands on a stage, decided in this order (the first rule that holds wins):
 * - `done`: the learner marked the stage done, or every checkpoint the stage declares has a passing result;
 * - `in progress`: at least one declared checkpoint has a passing result;
 * - `runnable`: the pattern exists in the repository, so the learner can start it, but nothing has passed yet;
 * - `not started`: otherwise (the pattern is not built yet and nothing has passed).
 * Only the latest result of each checkpoint counts, so a check that passed and then failed no longer counts;
 * results for ids the stage no longer declares are ignored.
 */
export type StageStatus = 'not started' | 'runnable' | 'in progress' | 'done';

export const STAGE_STATUSES: readonly StageStatus[] = ['not started', 'runnable', 'in progress', 'done'];

export type StageStatuses = Partial<Record<StageSlug, StageStatus>>;

export function stageStatus(stage: Stage, progress: StageProgress, runnable: boolean): StageStatus {
  if (progress.done) return 'done';
  const passed = new Set(progress.checkpoints.filter((c) => c.passed).map((c) => c.id));
  const declaredPassed = stage.checkpoints.filter((c) => passed.has(c.id)).length;
  if (stage.checkpoints.length > 0 && declaredPassed === stage.checkpoints.length) return 'done';
  if (declaredPassed > 0) return 'in progress';
  return runnable ? 'runnable' : 'not started';
}

/** The status of every stage, keyed by slug; see StageStatus for the rules. */
export function stageStatuses(
  stages: readonly Stage[],
  progress: Pick<ProgressStore, 'progressOf'>,
  isRunnable: (slug: StageSlug) => boolean,
): StageStatuses {
  const statuses: StageStatuses = {};
  for (const stage of stages) {
    statuses[stage.slug] = stageStatus(stage, progress.progressOf(stage.slug), isRunnable(stage.slug));
  }
  return statuses;
}

/** The first stage along the suggested path that is not done, or undefined when all are. */
export function nextStage(stages: readonly Stage[], statuses: StageStatuses): Stage | undefined {
  return [...stages]
    .sort((a, b) => a.suggestedOrder - b.suggestedOrder)
    .find((stage) => statuses[stage.slug] !== 'done');
}
