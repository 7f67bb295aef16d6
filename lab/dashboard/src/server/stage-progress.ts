import { isRunnable } from '@journey/orchestrator';
import { type CheckRun, type ProgressStore, type Stage, stageProgress } from '@journey/roadmap';

/** A checkpoint as the roadmap and the stage page show it: what earns it and what its runs said. */
export interface CheckpointView {
  id: string;
  description: string;
  earnedBy: string[];
  passing: string;
  passed: boolean;
  /** The latest recorded run of each `earnedBy` command, in the roadmap file's order; null when never run. */
  results: Array<{ command: string; run: CheckRun | null }>;
}

/** A stage with the learner's progress, decided by @journey/roadmap as `journey roadmap` decides it. */
export function stageView(stage: Stage, progress: ProgressStore) {
  const runnable = isRunnable(stage.slug);
  const decided = stageProgress(stage, progress, runnable);
  const checkpoints: CheckpointView[] = decided.checkpoints.map((checkpoint) => {
    const runs = new Map(checkpoint.result?.runs.map((r) => [r.command, r.run]));
    return {
      id: checkpoint.id,
      description: checkpoint.description,
      earnedBy: checkpoint.earnedBy,
      passing: checkpoint.passing,
      passed: checkpoint.result?.passed === true,
      results: checkpoint.earnedBy.map((command) => ({ command, run: runs.get(command) ?? null })),
    };
  });
  return {
    slug: stage.slug,
    title: stage.title,
    difficulty: stage.difficulty,
    suggestedOrder: stage.suggestedOrder,
    roadmapOrder: stage.roadmapOrder,
    prerequisites: stage.prerequisites,
    objectives: stage.objectives,
    checkpoints,
    earned: decided.earned,
    runnable,
    status: decided.status,
    markedDone: decided.markedDone,
    doneAt: decided.doneAt,
  };
}
