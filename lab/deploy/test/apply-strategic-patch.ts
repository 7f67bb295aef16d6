/**
 * Applies a strategic-merge patch as Kustomize would for what the generated patches use: maps merge,
 * null removes, lists of named objects merge by name, `$patch: replace` in a list replaces it, any
 * other list is replaced. A second implementation, so the generated overlay is checked, not echoed.
 */
export function applyStrategicPatch(target: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) {
    if (patch.some((item) => isMap(item) && item.$patch === 'replace'))
      return patch.filter((item) => !(isMap(item) && item.$patch === 'replace'));
    if (Array.isArray(target) && patch.every((item) => isMap(item) && typeof item.name === 'string')) {
      return target.map((item) => {
        const change = patch.find((p) => (p as { name: string }).name === (item as { name: string }).name);
        return change === undefined ? item : applyStrategicPatch(item, change);
      });
    }
    return patch;
  }
  if (isMap(patch) && isMap(target)) {
    const merged: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = applyStrategicPatch(target[key], value);
    }
    return merged;
  }
  return patch;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
