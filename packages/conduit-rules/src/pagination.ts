import { limits } from '@journey/contract';
import { type FieldErrors, ValidationFailed } from './validation.js';

export interface Page {
  limit: number;
  offset: number;
}

/** Largest offset we accept; beyond it every page is empty anyway, and huge numbers upset some drivers. */
const MAX_OFFSET = 1_000_000_000;

/**
 * Parses `limit` and `offset` query strings. Missing values take the spec's defaults (20, 0);
 * values that are not whole numbers are a 422 rather than silently becoming something else,
 * and `limit` is capped so one request cannot ask for the whole table.
 */
export function parsePage(query: { limit?: string | undefined; offset?: string | undefined }): Page {
  const errors: FieldErrors = {};
  const limit = parseWhole(query.limit, limits.pageSize.default);
  const offset = parseWhole(query.offset, 0);
  if (limit === undefined || limit < 1) errors.limit = ['must be a whole number from 1'];
  if (offset === undefined || offset > MAX_OFFSET) errors.offset = ['must be a whole number from 0'];
  if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  return { limit: Math.min(limit!, limits.pageSize.max), offset: offset! };
}

function parseWhole(raw: string | undefined, fallback: number): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,12}$/.test(raw)) return undefined;
  return Number(raw);
}
