import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Violation } from './check.js';
import { cruiseRules } from './cruise-rules.js';
import { repoRoot } from './pattern-rules.js';
import { REPOSITORY_RULES } from './repository.rules.js';

/** The three parts of the repository whose imports the rules are about. */
const AREAS = ['lab', 'packages', 'patterns'];

export interface RepositoryReport {
  /** Source files read, in all three areas. */
  modulesChecked: number;
  violations: Violation[];
}

/**
 * Checks the imports between `lab/`, `packages/` and `patterns/` against `REPOSITORY_RULES`. `root`
 * defaults to this repository; tests pass a fixture tree laid out like it, so the same rules run on both.
 */
export async function checkRepository(root = repoRoot): Promise<RepositoryReport> {
  root = resolve(root);
  const result = await cruiseRules(
    AREAS.filter((area) => existsSync(join(root, area))),
    REPOSITORY_RULES,
    {
      baseDir: root,
      // Workspace packages resolve to their real folders, so a package that lives under patterns/ counts as one.
      preserveSymlinks: false,
      // Fixtures break rules on purpose, each for the check that reads it. dist/ is build output,
      // never committed, that a test running meanwhile writes and deletes (serverless bundles).
      exclude: ['(^|/)node_modules/', '(^|/)test/fixtures/', '(^|/)dist/'],
    },
  );
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const { rule: found, from, to } of result.summary.violations) {
    const rule = REPOSITORY_RULES.find((r) => r.name === found.name);
    const key = `${found.name}\0${from}\0${to}`;
    if (!rule || seen.has(key)) continue;
    seen.add(key);
    violations.push({
      rule: rule.name,
      explanation: rule.explain({ from, to, cycle: [], names: [] }),
      from,
      to,
    });
  }
  violations.sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.rule.localeCompare(b.rule),
  );
  return { modulesChecked: result.modules.filter((m) => !m.coreModule).length, violations };
}
