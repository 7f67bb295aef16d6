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
  /** How `journey compare` counts the pattern's structure, in the unit its README is about. */
  structure?: StructureSpec;
  /** Module whose default export is the pattern's dependency rules (`journey check <slug>`). */
  rules?: string;
  /** Benches only this pattern has, run by `journey bench` after the shared rows. */
  benches?: BenchDeclaration[];
  /** Sub-commands only this pattern has: `journey <name> …`. */
  commands?: CommandDeclaration[];
}

/**
 * A count read from the pattern's tree, so a module, layer, port or service added tomorrow shows up
 * without touching the lab.
 */
export type StructureSpec =
  /** Each sub-folder of `folder` is one unit (modules, layers, services). */
  | { kind: 'modules' | 'layers' | 'services'; folder: string }
  /** Hexagonal: port files (`<name>.port.ts`) in the driving and driven folders, use-case files beside. */
  | { kind: 'ports'; driving: string; driven: string; useCases: string };

export interface BenchDeclaration {
  /** Used in `journey bench --only <name>` and in the printed heading. */
  name: string;
  /** One line: what it measures. */
  title: string;
  /** Module whose default export is a `PatternBench`. */
  module: string;
}

export interface CommandDeclaration {
  /** `journey <name>`; must not shadow a lab command. */
  name: string;
  /** One line for `journey --help`, with its arguments. */
  usage: string;
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
  if (problems.length > 0) throw new PatternManifestError(manifest.slug, problems);
  return manifest;
}
