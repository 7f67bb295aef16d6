import type { SimpleType } from './schema-model.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DOUBLE = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/;
const DATE_TIME = /^-?\d{4,}-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE = /^-?\d{4,}-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The value space of each integer type, cut to the integers a JavaScript number holds exactly: the
 * kit hands handlers numbers (value-codec.ts), so a larger one would arrive as another number.
 */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  byte: [-128n, 127n],
  short: [-32_768n, 32_767n],
  int: [-2_147_483_648n, 2_147_483_647n],
  long: [-SAFE, SAFE],
  integer: [-SAFE, SAFE],
  nonNegativeInteger: [0n, SAFE],
  positiveInteger: [1n, SAFE],
  nonPositiveInteger: [-SAFE, 0n],
  negativeInteger: [-SAFE, -1n],
  unsignedByte: [0n, 255n],
  unsignedShort: [0n, 65_535n],
  unsignedInt: [0n, 4_294_967_295n],
  unsignedLong: [0n, SAFE],
};

/**
 * What is wrong with an element's text as a value of its simple type, or undefined when it is one:
 * the built-in type's lexical form and range, then the facets (schema-model.ts reads the ones the kit
 * enforces). Whitespace is collapsed for every type but strings, as XSD does; a string's length is
 * counted in characters (code points), as XSD counts it.
 */
export function simpleValueViolation(type: SimpleType, text: string): string | undefined {
  const { builtin, facets } = type;
  const value = builtin === 'string' ? text : text.trim();
  const lexical = lexicalViolation(builtin, value);
  if (lexical) return lexical;
  if (facets.enumeration && !facets.enumeration.includes(value))
    return `${quoted(value)} is not one of ${facets.enumeration.join(', ')}`;
  if (facets.minLength !== undefined || facets.maxLength !== undefined) {
    const length = [...value].length;
    if (facets.maxLength !== undefined && length > facets.maxLength)
      return `longer than ${facets.maxLength} characters`;
    if (facets.minLength !== undefined && length < facets.minLength)
      return `shorter than ${facets.minLength} character${facets.minLength === 1 ? '' : 's'}`;
  }
  if (facets.minInclusive !== undefined && Number(value) < facets.minInclusive)
    return `${value} is less than ${facets.minInclusive}`;
  if (facets.maxInclusive !== undefined && Number(value) > facets.maxInclusive)
    return `${value} is more than ${facets.maxInclusive}`;
  return undefined;
}

function lexicalViolation(builtin: string, value: string): string | undefined {
  const range = INTEGER_RANGES[builtin];
  if (range) {
    if (!INTEGER.test(value)) return `not an ${builtin}: ${quoted(value)}`;
    const number = BigInt(value);
    if (number < range[0] || number > range[1])
      return `${value} is outside the ${builtin} range (${range[0]} to ${range[1]})`;
    return undefined;
  }
  switch (builtin) {
    case 'decimal':
      return DECIMAL.test(value) ? undefined : `not a decimal: ${quoted(value)}`;
    case 'double':
    case 'float':
      return DOUBLE.test(value) ? undefined : `not a ${builtin}: ${quoted(value)}`;
    case 'boolean':
      return /^(true|false|0|1)$/.test(value) ? undefined : `not a boolean: ${quoted(value)}`;
    case 'dateTime': {
      const [, month, day, hour, minute, second] = DATE_TIME.exec(value) ?? [];
      const valid = month && isCalendarDate(value, month, day!) && isClockTime(hour!, minute!, second!);
      return valid ? undefined : `not a dateTime: ${quoted(value)}`;
    }
    case 'date': {
      const [, month, day] = DATE.exec(value) ?? [];
      return month && isCalendarDate(value, month, day!) ? undefined : `not a date: ${quoted(value)}`;
    }
    default:
      return undefined;
  }
}

/** A month of the year and a day that month has in the value's year (no 2026-02-30). */
function isCalendarDate(value: string, month: string, day: string) {
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1) return false;
  const year = Number(value.slice(0, value.indexOf('-', 1)));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // Day 0 of the next month is the last of this one; 2000 is a leap year, so February needs the check.
  const lastDay = Number(month) === 2 && !leap ? 28 : new Date(Date.UTC(2000, Number(month), 0)).getUTCDate();
  return Number(day) <= lastDay;
}

/** 24:00:00 is not accepted: XSD 1.1 allows it, but the handler would get the next day. */
const isClockTime = (hour: string, minute: string, second: string) =>
  Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59;

const quoted = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
