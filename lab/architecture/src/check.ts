import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  type ArchitectureRule,
  type BrokenImport,
  type PatternRules,
  WHOLE_MODULE,
} from '@journey/architecture-rules';
import { cruiseRules } from './cruise-rules.js';
import { importedNames } from './imported-names.js';
import { architectureOf, patternFolder, repoRoot } from './pattern-rules.js';

/** One import that breaks a rule, as `journey check` prints it. */
export interface Violation {
  /** The rule's name, e.g. `module-through-public-api`. */
  rule: string;
  /** What is wrong and what to do instead, in plain words. */
  explanation: string;
  /** The importing file, relative to the pattern's folder: `src/modules/articles/articles.service.ts`. */
  from: string;
  /** The imported file, relative to the pattern's folder, or a package: `kysely`, `node:fs`. */
  to: string;
}

/** The pattern's source folder does not exist (yet): there is nothing to check, which is not a pass. */
export class PatternNotBuilt extends Error {
  constructor(
    readonly pattern: string,
    readonly folder: string,
    source = 'src',
  ) {
    super(
      `${folder}/${source} does not exist yet: the ${pattern} pattern is not built, so there is nothing to check`,
    );
    this.name = 'PatternNotBuilt';
  }
}

export interface CheckReport {
  pattern: string;
  /** The rules that were checked, in their file's order (the pattern's `architecture.rules.ts`). */
  rules: PatternRules;
  /** The folder that was checked (its `src/`), relative to the repository when inside it. */
  folder: string;
  /** Source files of the pattern that were read and checked (dependency-cruiser calls each a module). */
  modulesChecked: number;
  violations: Violation[];
}

/**
 * Checks a pattern's source against its rules. `folder` defaults to `patterns/<pattern>`; tests pass a
 * fixture tree instead, so the very same rules run on both.
 */
export async function checkArchitecture(
  pattern: string,
  folder = patternFolder(pattern),
): Promise<CheckReport> {
  const { shape, rules, sources } = await architectureOf(pattern);
  // Absolute: dependency-cruiser resolves packages from a relative baseDir as if it started at the cwd.
  folder = resolve(folder);
  const shown = displayPath(folder);
  if (!existsSync(join(folder, sources[0]!))) throw new PatternNotBuilt(pattern, shown, sources[0]);

  const result = await cruiseRules(
    sources.filter((source) => existsSync(join(folder, source))),
    rules,
    { baseDir: folder, preserveSymlinks: true },
  );
  const modules = new Map(result.modules.map((m) => [m.source, m]));
  const named = (path: string) => {
    const module = modules.get(path);
    if (module?.coreModule) return path.startsWith('node:') ? path : `node:${path}`;
    // A package: its name, not the file it resolved to (`../../node_modules/kysely/dist/cjs/index.js`).
    return /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path;
  };

  const seen = new Set<string>();
  const violations: Violation[] = [];
  const report = (rule: ArchitectureRule, broken: BrokenImport) =>
    violations.push({ rule: rule.name, explanation: rule.explain(broken), from: broken.from, to: broken.to });
  for (const found of result.summary.violations) {
    const rule = rules.find((r) => r.name === found.rule.name);
    if (!rule) continue;
    const key = `${rule.name}\0${found.from}\0${found.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(rule, {
      from: found.from,
      to: named(found.to),
      cycle: (found.cycle ?? []).map((s) => s.name),
      names: [],
    });
  }
  for (const rule of rules) {
    for (const condition of rule.forbiddenNames ?? []) {
      const [from, to] = [new RegExp(condition.from), new RegExp(condition.to)];
      for (const module of result.modules.filter((m) => from.test(m.source))) {
        for (const dependency of module.dependencies.filter((d) => to.test(d.resolved))) {
          const imported = importedNames(join(folder, module.source), dependency.module);
          const names = imported.includes(WHOLE_MODULE)
            ? [WHOLE_MODULE]
            : condition.names.filter((name) => imported.includes(name));
          const key = `${rule.name}\0${module.source}\0${dependency.resolved}`;
          if (names.length > 0 && !seen.has(key)) {
            seen.add(key);
            report(rule, { from: module.source, to: named(dependency.resolved), cycle: [], names });
          }
        }
      }
    }
  }
  violations.sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.rule.localeCompare(b.rule),
  );
  return {
    pattern,
    rules: { shape, rules },
    folder: shown,
    modulesChecked: result.modules.filter((m) => sources.some((source) => m.source.startsWith(`${source}/`)))
      .length,
    violations,
  };
}

/** The violations of a pattern's rules in `patterns/<pattern>` (or another folder laid out like it). */
export async function checkPattern(pattern: string, folder?: string): Promise<Violation[]> {
  return (await checkArchitecture(pattern, folder)).violations;
}

function displayPath(folder: string): string {
  const inRepo = relative(repoRoot, folder);
  return inRepo.startsWith('..') ? folder : inRepo.split('\\').join('/');
}
