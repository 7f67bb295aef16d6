import * as contract from '@journey/contract';
import { FormatRegistry, Kind, type TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';

/** Any ISO 8601 date-time with a zone; the stricter millisecond rule has its own checks. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** What the spec's examples show: `2016-02-18T03:22:56.637Z`. */
const ISO_WITH_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:Z|[+-]\d{2}:\d{2})$/;

// TypeBox knows no string formats until they are registered; the contract uses only `date-time`.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
}

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();
const names = new Map<unknown, string>(
  Object.entries(contract)
    .filter(([, value]) => typeof value === 'object' && value !== null && Kind in value)
    .map(([name, schema]) => [schema, name]),
);

/** The contract's export name for a schema (`UserResponse`), for messages. */
export function schemaName(schema: TSchema): string {
  return names.get(schema) ?? 'schema';
}

/** The first few places where `value` breaks `schema`, as `/path: message (got …)`; empty when it matches. */
export function schemaErrors(schema: TSchema, value: unknown, max = 3): string[] {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  if (check.Check(value)) return [];
  const errors: string[] = [];
  for (const error of check.Errors(value)) {
    errors.push(`${error.path || '/'}: ${error.message} (got ${preview(error.value)})`);
    if (errors.length >= max) break;
  }
  return errors;
}

export function isIsoWithMillis(value: unknown): boolean {
  return typeof value === 'string' && ISO_WITH_MILLIS.test(value) && !Number.isNaN(Date.parse(value));
}

export function preview(value: unknown, max = 80): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
