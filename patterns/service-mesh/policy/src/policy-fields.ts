import { parseDuration } from './duration.js';

/**
 * Reading a hand-written document field by field, collecting every problem as `path: what is wrong`
 * instead of stopping at the first, so a learner fixes the whole file in one pass. Each reader
 * answers undefined when the value is unusable, after saying why; a missing value (undefined) is
 * the business of the map that should hold it (`map`'s required keys), so it is not said twice.
 */
export class FieldReader {
  readonly problems: string[] = [];

  report(path: string, what: string): void {
    this.problems.push(`${path === '' ? 'policy' : path}: ${what}`);
  }

  /** A map with only these keys; a missing required key and an unknown key are each a problem. */
  map(
    value: unknown,
    path: string,
    keys: { required?: readonly string[]; optional?: readonly string[] },
  ): Record<string, unknown> | undefined {
    if (value === undefined) return undefined;
    if (!isMap(value)) {
      this.report(path, `must be a map, got ${described(value)}`);
      return undefined;
    }
    const required = keys.required ?? [];
    const known = [...required, ...(keys.optional ?? [])];
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.report(at(path, key), unknownKey(key, known));
    }
    for (const key of required) {
      if (value[key] === undefined) this.report(at(path, key), 'is required');
    }
    return value;
  }

  /** A map whose keys are names the caller checks, like the services or a split's versions. */
  entries(value: unknown, path: string): [string, unknown][] {
    if (value === undefined) return [];
    if (!isMap(value)) {
      this.report(path, `must be a map, got ${described(value)}`);
      return [];
    }
    return Object.entries(value);
  }

  list(value: unknown, path: string, { nonEmpty = false } = {}): unknown[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.report(path, `must be a list, got ${described(value)}`);
      return [];
    }
    if (nonEmpty && value.length === 0) this.report(path, 'must name at least one');
    return value;
  }

  text(value: unknown, path: string, shape?: { pattern: RegExp; description: string }): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      this.report(path, `must be ${shape?.description ?? 'a text'}, got ${described(value)}`);
      return undefined;
    }
    if (shape && !shape.pattern.test(value)) {
      this.report(path, `must be ${shape.description}, got ${described(value)}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.report(path, `must be one of ${choices.join(', ')}, got ${described(value)}`);
    return undefined;
  }

  wholeNumber(value: unknown, path: string, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.report(path, `must be a whole number from ${min} to ${max}, got ${described(value)}`);
      return undefined;
    }
    return value;
  }

  percent(value: unknown, path: string): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
      this.report(path, `must be a percent from 0 to 100, got ${described(value)}`);
      return undefined;
    }
    return value;
  }

  /** Milliseconds of a duration written `250ms`, `2s`, `1m` or `24h`, within bounds given in ms. */
  duration(value: unknown, path: string, bounds: { min: number; max?: number }): number | undefined {
    if (value === undefined) return undefined;
    const ms = typeof value === 'string' ? parseDuration(value) : null;
    if (ms === null) {
      const hint =
        typeof value === 'number' ? ` (a bare number has no unit: write ${value}ms or ${value}s)` : '';
      this.report(path, `must be a duration like 250ms, 2s, 1m or 24h, got ${described(value)}${hint}`);
      return undefined;
    }
    if (ms < bounds.min || (bounds.max !== undefined && ms > bounds.max)) {
      const range =
        bounds.max === undefined ? `at least ${bounds.min} ms` : `${bounds.min} ms to ${bounds.max} ms`;
      this.report(path, `must be ${range}, got ${value}`);
      return undefined;
    }
    return ms;
  }
}

/** `services.articles` + `split` → `services.articles.split`; at the root, the key alone. */
export const at = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function described(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function unknownKey(key: string, known: readonly string[]): string {
  const near = nearest(key, known);
  return near === undefined
    ? `unknown key (expected ${known.join(', ')})`
    : `unknown key (did you mean ${near}?)`;
}

/** `(did you mean articles?)` for a misspelt name, or the whole list of names when none is close. */
export function oneOfNames(name: string, known: readonly string[], extra = ''): string {
  const near = nearest(name, known);
  return near === undefined ? `(${known.join(', ')}${extra})` : `(did you mean ${near}?)`;
}

const nearest = (name: string, known: readonly string[]) =>
  known.find((candidate) => editDistance(candidate.toLowerCase(), name.toLowerCase()) <= 2);

/** Levenshtein distance, for the "did you mean" of a misspelt key. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
