import { ValidationFailed } from '@journey/conduit-rules';

/** Batch endpoints answer for many keys in one call, but never for an unbounded number. */
export const MAX_BATCH = 1_000;

/** A comma-separated query value (`usernames=a,b`) as distinct, non-empty items. */
export function listParam(raw: string | undefined, field: string): string[] {
  const items = raw ? [...new Set(raw.split(',').filter((item) => item !== ''))] : [];
  if (items.length > MAX_BATCH) throw new ValidationFailed({ [field]: [`at most ${MAX_BATCH} at once`] });
  return items;
}

/** A comma-separated list of ids (`ids=1,2,3`). */
export function idsParam(raw: string | undefined, field: string): number[] {
  const items = listParam(raw, field);
  if (items.some((id) => !/^\d{1,15}$/.test(id))) throw new ValidationFailed({ [field]: ['must be ids'] });
  return items.map(Number);
}
