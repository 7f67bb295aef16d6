import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validateInfrastructure } from '@journey/provisioning';
import { STAGE_SLUGS, type StageSlug } from '@journey/roadmap';
import {
  hasPatternManifest,
  loadDeclaredModule,
  loadPatternManifestIn,
  type PatternManifest,
  resolveDeclaration,
  type Topology,
  type TopologyDeclaration,
} from '@journey/topology';
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

/**
 * The pattern's topology; when its `topology.ts` is an overlay, resolved over the pattern it extends.
 * Its infrastructure kinds are checked against the registry here, the first place that knows them.
 */
export async function loadTopology(slug: StageSlug): Promise<Topology> {
  return validateInfrastructure(await resolveDeclaration(await loadDeclaration(slug), loadDeclaration));
}

/** The topologies of every runnable pattern, in roadmap order (what `journey --help` lists flags from). */
export const loadRunnableTopologies = (): Promise<Topology[]> =>
  Promise.all(runnablePatterns().map(loadTopology));

/** What `patterns/<slug>/topology.ts` exports; an overlay's base is loaded the same way, by its slug. */
async function loadDeclaration(slug: string): Promise<TopologyDeclaration> {
  if (!isRunnable(slug)) {
    throw new Error(`pattern "${slug}" is not built yet; runnable now: ${runnablePatterns().join(', ')}`);
  }
  const module = (await import(topologyFile(slug))) as { default: TopologyDeclaration };
  return module.default;
}

/** Where a pattern lives: `patterns/<slug>`. */
export const patternFolder = (slug: string) => join(repoRoot, 'patterns', slug);

/** What the pattern declares besides its topology: its `patterns/<slug>/pattern.ts`. */
export const loadPatternManifest = (slug: string): Promise<PatternManifest> =>
  loadPatternManifestIn(patternFolder(slug));

/** The manifests of the runnable patterns that have one, in roadmap order. */
export async function loadPatternManifests(): Promise<PatternManifest[]> {
  const declaring = runnablePatterns().filter((slug) => hasPatternManifest(patternFolder(slug)));
  return Promise.all(declaring.map(loadPatternManifest));
}

/** The default export of a module a pattern declares (a bench, a command), by its path in the manifest. */
export const loadPatternModule = <T>(slug: string, module: string): Promise<T> =>
  loadDeclaredModule<T>(patternFolder(slug), module);
