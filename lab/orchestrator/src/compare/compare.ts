import { join } from 'node:path';
import { checkArchitecture, patternsWithRules } from '@journey/architecture';
import { loadPatternManifestIn } from '@journey/topology';
import { isPatternSlug, loadTopology, type PatternSlug } from '../patterns.js';
import { repoRoot } from '../repo-root.js';
import {
  type PatternWorkloadFigures,
  type PatternWorkloadOptions,
  runPatternWorkload,
} from './pattern-workload.js';
import { measureSources } from './source-size.js';
import { readStructure, type Structure } from './structure.js';
import { type TopologyFigures, topologyFigures } from './topology-figures.js';
import { declaredUnitTests, runUnitTests, type UnitTestRun } from './unit-tests.js';

/** What the code itself says about a pattern: size, structure, what it runs as and rule violations. */
export interface CodeFigures {
  /** The folders measured, as the pattern's manifest declares them (`src`; `services`, `gateway`, `libs`). */
  sources: string[];
  /** TypeScript files in those folders. */
  files: number;
  /** Lines of those files holding code, without blank and comment-only lines. */
  codeLines: number;
  /** Empty when the manifest declares no structure. */
  structure: Structure;
  /** From the pattern's topology; undefined for a fixture folder, which is measured as code only. */
  topology?: TopologyFigures;
  /** Broken dependency rules (`journey check`); undefined when the pattern has no rules yet. */
  violations?: number;
}

export interface PatternFigures extends CodeFigures {
  pattern: PatternSlug;
  /** The pattern's declared unit tests, run; undefined when it declares none. */
  unitTests?: UnitTestRun;
  /** The pattern under the comparison's workload; undefined without one (`--no-bench`). */
  workload?: PatternWorkloadFigures;
  /** Why the workload could not run on this pattern (it did not start, seeding failed…); the others still ran. */
  workloadError?: string;
}

const patternFolder = (pattern: string) => join(repoRoot, 'patterns', pattern);

/**
 * The code figures of a built pattern, or of another folder with a `pattern.ts` manifest (a fixture),
 * read the same way: the sources and structure its manifest declares.
 */
export async function codeFigures(pattern: string, folder?: string): Promise<CodeFigures> {
  const root = folder ?? patternFolder(pattern);
  const manifest = await loadPatternManifestIn(root);
  const figures: CodeFigures = {
    sources: manifest.sources,
    ...measureSources(root, manifest.sources),
    structure: readStructure(manifest.structure ?? [], root),
  };
  // Through loadTopology, not the file: a topology may be an overlay resolved against its base.
  if (folder === undefined && isPatternSlug(pattern)) {
    figures.topology = topologyFigures(await loadTopology(pattern));
  }
  if ((await patternsWithRules()).includes(pattern)) {
    figures.violations = (await checkArchitecture(pattern, root)).violations.length;
  }
  return figures;
}

export interface Comparison {
  at: string;
  patterns: PatternFigures[];
  /** The workload every pattern ran, as set; absent when none ran. */
  workload?: ComparisonWorkload;
}

/** The settings every pattern's workload ran with, as stored with the run. */
export type ComparisonWorkload = Omit<PatternWorkloadOptions, 'onProgress'> & { shape: string };

export interface CompareOptions {
  patterns: PatternSlug[];
  /** The workload each pattern runs in turn, with the same settings; absent to skip it. */
  workload?: ComparisonWorkload;
  /** Same shape as the bench's, so one progress display serves both. */
  onProgress?: (message: string, seed?: { done: number; total: number }) => void;
}

/**
 * Puts patterns side by side with figures read from the code itself (size, structure, topology,
 * dependency-rule violations), from running their unit tests, and from the same workload run against
 * each in turn, started on a fresh database with the same seeded data and settings.
 */
export async function comparePatterns(options: CompareOptions): Promise<Comparison> {
  const progress = options.onProgress ?? (() => {});
  const patterns: PatternFigures[] = [];
  for (const pattern of options.patterns) {
    progress(`${pattern}: measuring its sources and checking its dependency rules`);
    const figures: PatternFigures = { pattern, ...(await codeFigures(pattern)) };
    const folder = patternFolder(pattern);
    const unitTestFiles = declaredUnitTests(folder);
    if (unitTestFiles) {
      if (unitTestFiles.length > 0) {
        progress(`${pattern}: running its unit tests (${unitTestFiles.join(', ')})`);
      }
      figures.unitTests = await runUnitTests(folder, unitTestFiles);
    }
    patterns.push(figures);
  }

  const at = () => new Date().toISOString();
  if (!options.workload) return { at: at(), patterns };
  // One pattern at a time: each gets the whole machine, and only its own processes run.
  for (const [index, figures] of patterns.entries()) {
    progress(`[${index + 1}/${patterns.length}] ${figures.pattern}`);
    try {
      const workload = await runPatternWorkload(figures.pattern, {
        ...options.workload,
        onProgress: progress,
      });
      figures.workload = { ...workload, linesOfCode: figures.codeLines };
    } catch (error) {
      figures.workloadError = (error as Error).message;
      progress(`${figures.pattern}: the workload failed: ${figures.workloadError}`);
    }
  }
  return { at: at(), patterns, workload: options.workload };
}

export type { PatternWorkloadFigures } from './pattern-workload.js';
export type { Structure, StructureCount } from './structure.js';
export type { TopologyFigures } from './topology-figures.js';
export type { UnitTestRun } from './unit-tests.js';
export * from './workload-mix.js';
