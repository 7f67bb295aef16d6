import { declaredExercises, exerciseState } from '@journey/exercises';
import { formatMigration, isRunnable, stageMigration } from '@journey/orchestrator';
import {
  checkpointsSection,
  type DetailSection,
  formatRoadmap,
  formatStageDetail,
  isStageSlug,
  loadRoadmap,
  openProgress,
  type ProgressStore,
  roadmapProgress,
  STAGE_SLUGS,
  type Stage,
  stageHeaderSection,
  stageProgress,
} from '@journey/roadmap';
import { parse, UsageError } from '../usage.js';

const ACTIONS = ['<stage>', 'done <stage>', 'undo <stage>'];

/**
 * `journey roadmap` prints the stages and their status; `journey roadmap <stage>` one stage in detail, each
 * checkpoint with the command that earns it and its last result; `done <stage>` / `undo <stage>` record
 * the learner's own verdict, shown as "done (marked)".
 */
export async function roadmap(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'roadmap');
  const [action, slug, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`journey roadmap: unexpected "${rest.join(' ')}"`, ACTIONS);
  const progress = openProgress();
  try {
    const stages = loadRoadmap();
    if (action === 'done' || action === 'undo') {
      if (!isStageSlug(slug)) throw new UsageError(`journey roadmap ${action}: name a stage`, STAGE_SLUGS);
      if (action === 'done') progress.markDone(slug);
      else progress.markNotDone(slug);
    } else if (isStageSlug(action) && slug === undefined) {
      const stage = stages.find((s) => s.slug === action)!;
      console.log(formatStageDetail(await stageDetailSections(stage, progress)));
      return 0;
    } else if (action !== undefined) {
      throw new UsageError(
        `journey roadmap: "${[action, slug].filter(Boolean).join(' ')}" is not a stage or an action`,
        [...ACTIONS, ...STAGE_SLUGS],
      );
    }
    console.log(formatRoadmap(stages, roadmapProgress(stages, progress, isRunnable)));
    console.log(`\nprogress is kept in ${progress.file}`);
    return 0;
  } finally {
    progress.close();
  }
}

/** The blocks of `journey roadmap <stage>`, in the order they print; a new block is one more entry here. */
export async function stageDetailSections(stage: Stage, store: ProgressStore): Promise<DetailSection[]> {
  const runnable = isRunnable(stage.slug);
  const progress = stageProgress(stage, store, runnable);
  const sections = [stageHeaderSection(stage, progress), checkpointsSection(progress.checkpoints)];
  const exercise = await exerciseSection(stage.slug);
  if (exercise) sections.push(exercise);
  const migration = runnable ? await stageMigration(stage.slug) : undefined;
  if (migration)
    sections.push({
      lines: formatMigration(migration).trimEnd().split('\n'),
    });
  return sections;
}

/** The stage's exercise, where the learner's copy is and its last verdict; none for a stage without one. */
async function exerciseSection(slug: string): Promise<DetailSection | undefined> {
  const declared = (await declaredExercises()).find((d) => d.slug === slug);
  if (!declared) return undefined;
  // The task still shows where the lab is no git checkout; only the learner's copy cannot exist there.
  const state = await exerciseState(slug).catch((error: Error) => error);
  const where =
    state instanceof Error
      ? `  ${state.message}`
      : state.started
        ? `  your copy: ${state.worktree} (journey exercise ${slug} check)`
        : `  not started: journey exercise ${slug} start`;
  const verdict = state instanceof Error ? undefined : state.lastVerdict;
  return {
    title: `Exercise: ${declared.exercise.title}`,
    lines: [
      ...declared.exercise.task.map((line) => `  ${line}`),
      '',
      where,
      verdict
        ? `  last check: ${verdict.passed ? 'passed' : 'failed'} ${verdict.at} on ${verdict.code}: ${verdict.detail}`
        : '  last check: none yet',
    ],
  };
}
