import type { PatternSlug, PlannedPatternBench } from '@journey/orchestrator';
import type { PatternManifest } from '@journey/topology';
import { integerArg, UsageError } from '../usage.js';

/** Every flag any pattern's bench declares, for `journey bench`'s argument parser. */
export function declaredBenchFlags(manifests: PatternManifest[]): Record<string, { type: 'string' }> {
  const names = manifests.flatMap((m) =>
    (m.benches ?? []).flatMap((b) => (b.options ?? []).map((o) => o.name)),
  );
  return Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
}

/**
 * The benches the named patterns declare, each with its flags read (given or defaulted) and checked.
 * A declared flag that none of the named patterns' benches takes is a mistake, not something to ignore.
 */
export function planPatternBenches(
  manifests: PatternManifest[],
  patterns: PatternSlug[],
  values: Record<string, string | undefined>,
): PlannedPatternBench[] {
  const planned = patterns.flatMap((pattern) =>
    (manifests.find((m) => m.slug === pattern)?.benches ?? []).map((declaration) => ({
      pattern,
      declaration,
      options: Object.fromEntries(
        (declaration.options ?? []).map((o) => [
          o.name,
          integerArg(o.name, values[o.name], o.default, o.min, o.max),
        ]),
      ),
    })),
  );
  const taken = new Set(planned.flatMap((p) => Object.keys(p.options)));
  for (const name of Object.keys(declaredBenchFlags(manifests))) {
    if (values[name] !== undefined && !taken.has(name)) {
      const declaring = manifests.filter((m) =>
        m.benches?.some((b) => b.options?.some((o) => o.name === name)),
      );
      throw new UsageError(
        `--${name}: no bench of ${patterns.join(', ')} takes it; it belongs to ${declaring.map((m) => m.slug).join(', ')}`,
      );
    }
  }
  return planned;
}
