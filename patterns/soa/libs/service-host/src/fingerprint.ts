import { createHash } from 'node:crypto';

/**
 * What must match for a repeat to be the same call: the operation and its input, as JSON with keys
 * sorted at every level, so two envelopes listing the same elements in another order agree.
 */
export function fingerprintOf(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(input)}`)
    .digest('base64url');
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item) || item instanceof Date) return item;
    return Object.fromEntries(
      Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}
