/**
 * The strategic-merge patch that turns `from` into `to`: maps recurse, lists of objects with a
 * `name` (containers, env, ports, volumes) merge by name as Kubernetes merges them, any other
 * list is replaced whole (a list of named objects whose members change, by `$patch: replace`), a
 * key `to` lacks is set to null (removed). Undefined when equal.
 */
export function strategicPatch(from: unknown, to: unknown): Record<string, unknown> | undefined {
  const patch = diff(from, to);
  return patch === undefined ? undefined : (patch as Record<string, unknown>);
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNamedList = (value: unknown): value is Record<string, unknown>[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((item) => isMap(item) && typeof item.name === 'string');

function diff(from: unknown, to: unknown): unknown {
  if (isMap(from) && isMap(to)) {
    const patch: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (!(key in to)) patch[key] = null;
      else {
        const change = diff(from[key], to[key]);
        if (change !== undefined) patch[key] = change;
      }
    }
    return Object.keys(patch).length > 0 ? patch : undefined;
  }
  if (isNamedList(from) && isNamedList(to) && sameNames(from, to)) {
    const changed = to.flatMap((item, index) => {
      const change = diff(from[index], item);
      return change === undefined ? [] : [{ name: item.name, ...(change as object) }];
    });
    return changed.length > 0 ? changed : undefined;
  }
  if (JSON.stringify(from) === JSON.stringify(to)) return undefined;
  return isNamedList(to) ? [{ $patch: 'replace' }, ...to] : to;
}

/** Merging by name keeps the base's order and members, so only a list of the same members is merged. */
const sameNames = (from: Record<string, unknown>[], to: Record<string, unknown>[]) =>
  from.length === to.length && from.every((item, index) => item.name === to[index]!.name);
