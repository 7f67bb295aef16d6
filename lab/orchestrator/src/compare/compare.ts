import { join } from 'node:path';
import { checkArchitecture, patternsWithRules } from '@journey/architecture';
import { type BenchOptions, type BenchReport, runBench } from '../bench/bench.js';
import type { PatternSlug } from '../patterns.js';
import { repoRoot } from '../repo-root.js';
import { measureSource } from './source-size.js';
import { readStructure, type Structure } from './structure.js';
import { declaredUnitTests, runUnitTests, type UnitTestRun } from './unit-tests.js';

/** What the code itself says about a pattern: size, structure and dependency-rule violations. */
export interface CodeFigures {
  /** TypeScript files under `src/`. */
  files: number;
  /** Lines of `src/` holding code, without blank and comment-only lines. */
  codeLines: number;
  structure?: Structure;
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

/**
 * The code figures of a pattern in `patterns/<pattern>`, or of another folder laid out like it (a
 * fixture), read the same way.
 */
export async function codeFigures(
  pattern: string,
  folder = join(repoRoot, 'patterns', pattern),
): Promise<CodeFigures> {
  const src = join(folder, 'src');
  const figures: CodeFigures = measureSource(src);
  const structure = readStructure(pattern, src);
  if (structure) figures.structure = structure;
  if (patternsWithRules().includes(pattern)) {
    figures.violations = (await checkArchitecture(pattern, folder)).violations.length;
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
 * Puts patterns side by side with figures read from the code itself (size, structure, dependency-rule
 * violations), from running their unit tests, and from one bench run that loads every pattern's
 * article list with the same data and settings.
 */
export async function comparePatterns(options: CompareOptions): Promise<Comparison> {
  const progress = options.onProgress ?? (() => {});
  const patterns: PatternFigures[] = [];
  for (const pattern of options.patterns) {
    progress(`${pattern}: measuring src/ and checking its dependency rules`);
    const figures: PatternFigures = { pattern, ...(await codeFigures(pattern)) };
    const folder = join(repoRoot, 'patterns', pattern);
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

export type { Structure } from './structure.js';
export type { UnitTestRun } from './unit-tests.js';
