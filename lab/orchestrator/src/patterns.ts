import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STAGE_SLUGS, type StageSlug } from '@journey/roadmap';
import type { Topology } from '@journey/topology';
import { repoRoot } from './repo-root.js';

/** A pattern's slug is its roadmap stage's slug: one slug per pattern everywhere. */
export {
  isStageSlug as isPatternSlug,
  STAGE_SLUGS as PATTERN_SLUGS,
  type StageSlug as PatternSlug,
} from '@journey/roadmap';

const topologyFile = (slug: string) => join(repoRoot, 'patterns', slug, 'topology.ts');

/** A pattern is runnable once its folder declares a topology. */
export const isRunnable = (slug: string) => existsSync(topologyFile(slug));

export const runnablePatterns = () => STAGE_SLUGS.filter(isRunnable);

export async function loadTopology(slug: StageSlug): Promise<Topology> {
  if (!isRunnable(slug)) {
    throw new Error(`pattern "${slug}" is not built yet; runnable now: ${runnablePatterns().join(', ')}`);
  }
  const module = (await import(topologyFile(slug))) as { default: Topology };
  return module.default;
}
