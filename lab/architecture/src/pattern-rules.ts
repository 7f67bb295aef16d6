import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PatternRules } from '@journey/architecture-rules';
import { STAGE_SLUGS } from '@journey/roadmap';
import { hasPatternManifest, loadDeclaredModule, loadPatternManifestIn } from '@journey/topology';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where a pattern lives in this repository: `patterns/<slug>`. */
export const patternFolder = (pattern: string) => join(repoRoot, 'patterns', pattern);

/** What `journey check` needs of a pattern: its rules file and the folders its code lives in. */
export interface PatternArchitecture extends PatternRules {
  sources: string[];
}

/** The slugs whose `pattern.ts` declares dependency rules, in roadmap order. */
export async function patternsWithRules(): Promise<string[]> {
  const declared = await Promise.all(
    STAGE_SLUGS.filter((slug) => hasPatternManifest(patternFolder(slug))).map(async (slug) => ({
      slug,
      rules: (await loadPatternManifestIn(patternFolder(slug))).rules,
    })),
  );
  return declared.filter(({ rules }) => rules !== undefined).map(({ slug }) => slug);
}

/** The rules a pattern declares in its `pattern.ts` (`rules`), with its `sources`. */
export async function architectureOf(pattern: string): Promise<PatternArchitecture> {
  const folder = patternFolder(pattern);
  const manifest = hasPatternManifest(folder) ? await loadPatternManifestIn(folder) : undefined;
  if (!manifest?.rules) {
    throw new Error(
      `no dependency rules for "${pattern}"; rules exist for: ${(await patternsWithRules()).join(', ')}`,
    );
  }
  const rules = await loadDeclaredModule<PatternRules>(folder, manifest.rules);
  return { ...rules, sources: manifest.sources };
}
