import { type FieldErrors, messages, ValidationFailed } from '@journey/conduit-rules';
import type { TSchema } from '@sinclair/typebox';
import { type ValueError, ValueErrorType } from '@sinclair/typebox/errors';
import { Value } from '@sinclair/typebox/value';

/**
 * Holds one part of a request (params, query or body) to its @journey/contract schema and returns it
 * without the properties the schema does not name. A failure is a 422 keyed by the field, in the same
 * words the Fastify patterns use. TypeBox's interpreter rather than its compiler: compiling every
 * schema of a function would be paid on each cold start, for requests that are each checked once.
 */
export function validated<T>(schema: TSchema, value: unknown, part: 'params' | 'query' | 'body'): T {
  const subject = value === undefined && part === 'body' ? null : value;
  if (!Value.Check(schema, subject)) throw new ValidationFailed(fieldErrors(Value.Errors(schema, subject)));
  const cleaned = Value.Clean(schema, Value.Clone(subject));
  const nul = fieldWithNul(cleaned);
  if (nul !== undefined) throw new ValidationFailed({ [nul]: ['must not contain NUL characters'] });
  return cleaned as T;
}

/** One message per field: TypeBox reports a missing property and its type both; the first says it best. */
function fieldErrors(errors: Iterable<ValueError>): FieldErrors {
  const found: FieldErrors = {};
  for (const error of errors) {
    const field =
      error.path
        .split('/')
        .filter((part) => part !== '' && !/^\d+$/.test(part))
        .at(-1) ?? 'body';
    if (found[field] === undefined) found[field] = [describe(error, field)];
  }
  return found;
}

function describe(error: ValueError, field: string): string {
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return messages.blank;
    case ValueErrorType.Object:
      return field === 'body' ? 'must be a JSON object' : 'must be an object';
    case ValueErrorType.String:
      return 'must be a string';
    case ValueErrorType.Array:
      return 'must be an array';
    case ValueErrorType.StringMaxLength:
      return `is too long (maximum is ${error.schema.maxLength} characters)`;
    case ValueErrorType.ArrayMaxItems:
      return `has too many items (maximum is ${error.schema.maxItems})`;
    case ValueErrorType.StringPattern:
      // The contract's only pattern is the one that refuses NUL characters.
      return 'must not contain NUL characters';
    case ValueErrorType.Kind:
      // The contract's one custom kind: a string or null (bio, image).
      return typeof error.value === 'string'
        ? `is too long (maximum is ${error.schema.maxLength} characters)`
        : 'must be a string or null';
    default:
      return 'is invalid';
  }
}

/**
 * The field of the first string holding a NUL character. The contract refuses NUL in every text a
 * client sends (PostgreSQL cannot store it), but TypeBox's check of its nullable-string kind skips the
 * pattern, so bio and image would slip through without this.
 */
function fieldWithNul(value: unknown, field = 'body'): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? field : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = fieldWithNul(item, field);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = fieldWithNul(item, key);
      if (found) return found;
    }
  }
  return undefined;
}
