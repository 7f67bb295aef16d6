import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from '@journey/topology';
import { repoRoot } from './repo-root.js';

/** One slug per pattern, everywhere: folder, package, CLI argument, topology id, roadmap file. */
export const PATTERN_SLUGS = [
  'monolith',
  'layered',
  'hexagonal',
  'soa',
  'microservices',
  'event-driven',
  'serverless',
  'service-mesh',
] as const;
export type PatternSlug = (typeof PATTERN_SLUGS)[number];

export const isPatternSlug = (value: string): value is PatternSlug =>
  (PATTERN_SLUGS as readonly string[]).includes(value);

const topologyFile = (slug: string) => join(repoRoot, 'patterns', slug, 'topology.ts');

/** A pattern is runnable once its folder declares a topology. */
export const isRunnable = (slug: string) => existsSync(topologyFile(slug));

export const runnablePatterns = () => PATTERN_SLUGS.filter(isRunnable);

export async function loadTopology(slug: PatternSlug): Promise<Topology> {
  if (!isRunnable(slug)) {
    throw new Error(`pattern "${slug}" is not built yet; runnable now: ${runnablePatterns().join(', ')}`);
  }
  const module = (await import(topologyFile(slug))) as { default: Topology };
  return module.default;
}
