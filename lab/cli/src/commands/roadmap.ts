import { isRunnable } from '@journey/orchestrator';
import {
  formatRoadmap,
  isStageSlug,
  loadRoadmap,
  openProgress,
  STAGE_SLUGS,
  stageStatuses,
} from '@journey/roadmap';
import { parse, UsageError } from '../usage.js';

/** `journey roadmap` prints the stages and their status; `done <stage>` / `undo <stage>` record the learner's own verdict. */
export async function roadmap(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'roadmap');
  const [action, slug] = positionals;
  const progress = openProgress();
  try {
    if (action === 'done' || action === 'undo') {
      if (!isStageSlug(slug)) throw new UsageError(`journey roadmap ${action}: name a stage`, STAGE_SLUGS);
      if (action === 'done') progress.markDone(slug);
      else progress.markNotDone(slug);
    } else if (action !== undefined) {
      throw new UsageError(`journey roadmap: unknown action "${action}"`, ['done <stage>', 'undo <stage>']);
    }
    const stages = loadRoadmap();
    console.log(formatRoadmap(stages, stageStatuses(stages, progress, isRunnable)));
    console.log(`\nprogress is kept in ${progress.file}`);
    return 0;
  } finally {
    progress.close();
  }
}
