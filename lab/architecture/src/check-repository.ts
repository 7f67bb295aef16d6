import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import type { Violation } from './check.js';
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
  const forbidden: IForbiddenRuleType[] = REPOSITORY_RULES.flatMap((rule) =>
    rule.forbidden.map(({ from, to }) => ({ name: rule.name, severity: 'error', from, to })),
  );
  const { output } = await cruise(
    AREAS.filter((area) => existsSync(join(root, area))),
    {
      baseDir: root,
      validate: true,
      ruleSet: { forbidden },
      // Fixtures break rules on purpose, each for the check that reads it.
      exclude: { path: ['(^|/)node_modules/', '(^|/)test/fixtures/'] },
      tsPreCompilationDeps: true,
      // Workspace packages resolve to their real folders, so a package that lives under patterns/ counts as one.
      preserveSymlinks: false,
      doNotFollow: { path: 'node_modules' },
      enhancedResolveOptions: {
        exportsFields: ['exports'],
        conditionNames: ['import', 'require', 'node', 'default', 'types'],
      },
    },
    undefined,
    undefined,
  );
  const result = output as ICruiseResult;
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
