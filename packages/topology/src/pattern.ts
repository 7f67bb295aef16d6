// The shapes of the modules a manifest declares, and how the lab loads them, come with the manifest.
export * from './pattern-bench.js';
export * from './pattern-command.js';
export * from './pattern-experiment.js';
export * from './pattern-loader.js';
export * from './running-pattern.js';

/**
 * Everything a pattern tells the lab besides its topology: where its code lives, how to count its
 * structure, which dependency rules guard it, and the benches and commands only it has. The lab reads
 * `patterns/<slug>/pattern.ts` and iterates over these declarations, so no lab code names a pattern.
 * Paths are relative to the pattern's folder; modules named here are loaded by the lab on demand and
 * may import packages only (never the lab).
 */
export interface PatternManifest {
  /** The pattern slug, the same as the roadmap stage's and the topology's `id`. */
  slug: string;
  /** Folders holding the pattern's code (what `journey compare` measures and `journey check` cruises). */
  sources: string[];
  /** How `journey compare` counts the pattern's structure, in the units its README is about. */
  structure?: StructureSpec;
  /** Module whose default export is the pattern's dependency rules (`journey check <slug>`). */
  rules?: string;
  /** Benches only this pattern has, run by `journey bench` after the shared rows. */
  benches?: BenchDeclaration[];
  /**
   * Load experiments only this pattern has, run by `journey experiment <slug> <name>` beside the
   * topology's fault experiments (whose names they may not repeat).
   */
  experiments?: ExperimentDeclaration[];
  /** Sub-commands only this pattern has: `journey <name> …`. */
  commands?: CommandDeclaration[];
  /** The stage's exercise: `journey exercise <slug> show|start|check|reset`. */
  exercise?: ExerciseDeclaration;
}

/**
 * A task the learner does on their own copy of the repository (a git worktree in the data dir), with
 * a verdict the lab computes: the declared acceptance tests pass there and, when `rules` is set, the
 * pattern's dependency rules still hold. Paths are relative to the pattern's folder.
 */
export interface ExerciseDeclaration {
  /** One line, e.g. `Bookmarks as a fifth module`. */
  title: string;
  /** What `journey exercise <slug> show` prints: a few lines; the README's `## Exercise` says more. */
  task: string[];
  /**
   * Acceptance tests, in `exercise/` (not `test/`, so the normal suite does not run them). They are
   * copied from the lab's checkout into the learner's worktree before every check, so editing the
   * worktree's copy changes nothing.
   */
  tests: string[];
  /** Also run the pattern's dependency rules (`journey check <slug>`) on the worktree. */
  rules: boolean;
  /** Printed when the check fails, in order. */
  hints: string[];
  /**
   * A reference solution: a `git diff` with paths relative to the repository root. Only CI applies it
   * (to prove the check passes on it and fails on the untouched start); the lab's commands never read it.
   */
  solution: string;
}

/**
 * What the pattern's code is organised into, as one or more counts (`4 modules`; `1 driving port`,
 * `6 driven ports`, `19 use cases`; `5 services`, `11 events`). Counts are read from the pattern's
 * tree when they can be, so a module, port or service added tomorrow shows up without touching the lab.
 * `unit` is the plural noun the comparison prints as the row's name.
 */
export type StructureSpec = StructureCount[];

export type StructureCount =
  /** Each sub-folder of `foldersIn` is one unit (modules, layers, services). */
  | { unit: string; foldersIn: string }
  /** Each `<name><suffix>` file directly in `filesIn` is one unit (`*.port.ts`, `*.handler.ts`). */
  | { unit: string; filesIn: string; suffix: string }
  /**
   * Units the tree does not show, named by the pattern from its own source of truth (an event
   * catalogue), so the lab reads them as data without importing the pattern's code.
   */
  | { unit: string; names: readonly string[] };

export interface BenchDeclaration {
  /** Names the bench in `journey --help` and in the report. */
  name: string;
  /** One line: what it measures. */
  title: string;
  /** Module whose default export is a `PatternBench`. */
  module: string;
  /** Flags of its own (`--rate N`), given to it as `context.options`. */
  options?: BenchOption[];
}

/** A whole-number flag of a pattern bench, checked by the lab against its bounds. */
export interface BenchOption {
  /** `--<name> N` */
  name: string;
  /** One line for `journey --help`. */
  description: string;
  default: number;
  min: number;
  max: number;
}

export interface ExperimentDeclaration {
  /** `journey experiment <slug> <name>`. */
  name: string;
  /** One line: what it does to the system. */
  title: string;
  /** Module whose default export is a `PatternExperiment`. */
  module: string;
}

export interface CommandDeclaration {
  /** `journey <name>`; must not shadow a lab command. */
  name: string;
  /** How to call it, after `journey`, for `journey --help`: `events projections | replay <projection>`. */
  usage: string;
  /** One line for `journey --help`: what it does. */
  summary: string;
  /** Module whose default export is a `PatternCommand`. */
  module: string;
}

export class PatternManifestError extends Error {
  constructor(slug: string, problems: string[]) {
    super(`pattern "${slug}" is declared wrongly: ${problems.join('; ')}`);
    this.name = 'PatternManifestError';
  }
}

/** Validates a manifest when its module loads, like `defineTopology`. */
export function definePattern(manifest: PatternManifest): PatternManifest {
  const problems: string[] = [];
  if (manifest.sources.length === 0) problems.push('it names no source folder');
  const names = [...(manifest.benches ?? []), ...(manifest.commands ?? [])].map((d) => d.name);
  for (const name of new Set(names))
    if (names.filter((n) => n === name).length > 1) problems.push(`"${name}" is declared twice`);
  for (const bench of manifest.benches ?? [])
    for (const option of bench.options ?? [])
      if (!(option.min <= option.default && option.default <= option.max))
        problems.push(
          `--${option.name} of "${bench.name}" defaults to ${option.default}, outside ${option.min}..${option.max}`,
        );
  if (manifest.exercise) problems.push(...exerciseProblems(manifest.exercise));
  if (problems.length > 0) throw new PatternManifestError(manifest.slug, problems);
  return manifest;
}

function exerciseProblems(exercise: ExerciseDeclaration): string[] {
  const problems: string[] = [];
  if (exercise.title.trim() === '') problems.push('its exercise has no title');
  if (exercise.task.length === 0) problems.push('its exercise has no task');
  if (exercise.tests.length === 0) problems.push('its exercise names no acceptance test');
  for (const path of [...exercise.tests, exercise.solution])
    if (path.startsWith('/') || path.split('/').includes('..'))
      problems.push(`exercise path "${path}" must stay inside the pattern's folder`);
  for (const test of exercise.tests)
    if (!test.startsWith('exercise/'))
      problems.push(`exercise test "${test}" must live in exercise/ (test/ is run by the normal suite)`);
  return problems;
}
