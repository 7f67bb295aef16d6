import { join } from 'node:path';
import { checkArchitecture, patternsWithRules } from '@journey/architecture';
import { loadPatternManifestIn } from '@journey/topology';
import { type BenchOptions, type BenchReport, runBench } from '../bench/bench.js';
import { isPatternSlug, loadTopology, type PatternSlug } from '../patterns.js';
import { repoRoot } from '../repo-root.js';
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
  /** GET /api/articles?limit=20 in the comparison's one bench run; undefined without a bench. */
  listArticlesPerSec?: number;
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
  /** The bench run the req/s figures come from, with its settings and machine. */
  bench?: BenchReport;
}

export interface CompareOptions {
  patterns: PatternSlug[];
  /** Load settings for the list-articles bench; absent to skip the load test. */
  bench?: Omit<BenchOptions, 'patterns' | 'only' | 'onProgress'>;
  /** Same shape as the bench's, so one progress display serves both. */
  onProgress?: (message: string, seed?: { done: number; total: number }) => void;
}

/**
 * Puts patterns side by side with figures read from the code itself (size, structure, topology,
 * dependency-rule violations), from running their unit tests, and from one bench run that loads every pattern's
 * article list with the same data and settings.
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

  if (!options.bench) return { at: new Date().toISOString(), patterns };
  const bench = await runBench({
    ...options.bench,
    patterns: options.patterns,
    only: ['list'],
    onProgress: progress,
  });
  for (const figures of patterns) {
    const row = bench.rows.find((r) => r.target === figures.pattern);
    if (row) figures.listArticlesPerSec = row.requestsPerSec;
  }
  return { at: bench.at, patterns, bench };
}

export type { Structure, StructureCount } from './structure.js';
export type { TopologyFigures } from './topology-figures.js';
export type { UnitTestRun } from './unit-tests.js';
