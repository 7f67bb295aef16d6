import type { ArchitectureRule } from '@journey/architecture-rules';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

export interface CruiseSettings {
  /** Absolute: dependency-cruiser resolves packages from a relative baseDir as if it started at the cwd. */
  baseDir: string;
  /**
   * Keep workspace packages (@journey/*) as packages in node_modules (a pattern's rules name packages),
   * or follow them to the folder they really live in (the repository's rules name folders).
   */
  preserveSymlinks: boolean;
  /** Path regexes of files not to read. */
  exclude?: string[];
}

/** Runs dependency-cruiser over `paths` with `rules`, one forbidden condition each sharing its rule's name. */
export async function cruiseRules(
  paths: string[],
  rules: ArchitectureRule[],
  { baseDir, preserveSymlinks, exclude }: CruiseSettings,
): Promise<ICruiseResult> {
  const forbidden: IForbiddenRuleType[] = rules.flatMap((rule) =>
    rule.forbidden.map(({ from, to }) => ({
      name: rule.name,
      comment: rule.comment,
      severity: 'error',
      from,
      to,
    })),
  );
  const { output } = await cruise(
    paths,
    {
      baseDir,
      validate: true,
      ruleSet: { forbidden },
      ...(exclude ? { exclude: { path: exclude } } : {}),
      // `import type` couples as much as any import: a rule that ignored it would miss half the monolith.
      tsPreCompilationDeps: true,
      preserveSymlinks,
      doNotFollow: { path: 'node_modules' },
      enhancedResolveOptions: {
        exportsFields: ['exports'],
        conditionNames: ['import', 'require', 'node', 'default', 'types'],
      },
    },
    undefined,
    undefined,
  );
  return output as ICruiseResult;
}
