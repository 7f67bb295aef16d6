import { type ElementDecl, NUMERIC_BUILTINS, type SchemaType } from './schema-model.js';

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * The value of an element as the `soap` package parsed it, in the shapes canonical.ts promises: numbers
 * and booleans as such, xs:dateTime as an ISO 8601 string (the Conduit JSON's), a repeated element as an
 * array always, an attribute as a property, `xsi:nil` as null (the package reads it with
 * `handleNilAsNull`). Driven by the XSD, since the package converts only leaves typed with a built-in
 * type directly and reads headers without any schema.
 */
export function decodeValue(type: SchemaType, value: unknown): unknown {
  if (value === null) return null;
  if (type.kind === 'simple') return decodeText(type.builtin, textOf(value));
  const source = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const result: Record<string, unknown> = {};
  const attributes = (source.attributes ?? {}) as Record<string, unknown>;
  for (const attribute of type.attributes) {
    if (attributes[attribute.name] !== undefined)
      result[attribute.name] = decodeText(attribute.builtin, String(attributes[attribute.name]));
  }
  for (const element of type.elements) {
    const child = source[element.name];
    if (element.max > 1) {
      const items = child === undefined ? [] : Array.isArray(child) ? child : [child];
      result[element.name] = items.map((item) => decodeChild(element, item));
    } else if (child !== undefined) {
      result[element.name] = decodeChild(element, Array.isArray(child) ? child[0] : child);
    }
  }
  return result;
}

/**
 * The package reads an empty element (`<c:tagList/>`, `<c:bio></c:bio>`) as null, like an xsi:nil one:
 * only a nillable element can mean null, so for any other it is the empty value of its type.
 */
function decodeChild(element: ElementDecl, value: unknown): unknown {
  if (value !== null || element.nillable) return decodeValue(element.type, value);
  return decodeValue(element.type, element.type.kind === 'complex' ? {} : '');
}

function textOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    // An element with attributes comes as `{ attributes, $value }`, an empty one as `{}`.
    return '$value' in value ? String((value as { $value: unknown }).$value) : '';
  }
  return String(value);
}

export function decodeText(builtin: string, text: string): unknown {
  const trimmed = text.trim();
  if (NUMERIC_BUILTINS.has(builtin)) return Number(trimmed);
  if (builtin === 'boolean') return trimmed === 'true' || trimmed === '1';
  if (builtin === 'dateTime') {
    const date = new Date(trimmed);
    return Number.isNaN(date.getTime()) ? trimmed : date.toISOString();
  }
  return text;
}

/**
 * Writes a value as the element the XSD declares, every element in the namespace the schema puts it in
 * (a canonical `c:Article` inside an `m:FavoriteResponse` is in the canonical namespace), `null` as
 * `xsi:nil="true"` where the element is nillable. A property the schema does not declare, or a null
 * where it is not nillable, is an error naming where: the answer would not be valid against the contract.
 */
export function encodeElement(decl: ElementDecl, value: unknown): string {
  const prefixes = new Map<string, string>();
  const body = writeElement(decl, value, prefixes, decl.name);
  const declarations = [...prefixes]
    .map(([namespace, prefix]) => ` xmlns:${prefix}="${escapeXml(namespace)}"`)
    .join('');
  // The namespace declarations go on the outermost element, so the rest of the document reads alone.
  const firstTagEnd = body.search(/\/?>/);
  return `${body.slice(0, firstTagEnd)}${declarations} xmlns:xsi="${XSI_NAMESPACE}"${body.slice(firstTagEnd)}`;
}

function writeElement(
  decl: ElementDecl,
  value: unknown,
  prefixes: Map<string, string>,
  where: string,
): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    if (decl.max <= 1) throw new Error(`${where}: one element expected, got an array`);
    return value.map((item, index) => writeElement(decl, item, prefixes, `${where}[${index}]`)).join('');
  }
  let prefix = '';
  if (decl.namespace) {
    if (!prefixes.has(decl.namespace)) prefixes.set(decl.namespace, `ns${prefixes.size + 1}`);
    prefix = `${prefixes.get(decl.namespace)}:`;
  }
  const tag = `${prefix}${decl.name}`;
  if (value === null) {
    if (!decl.nillable) throw new Error(`${where}: null, but the element is not nillable`);
    return `<${tag} xsi:nil="true"/>`;
  }
  const type = decl.type;
  if (type.kind === 'simple') return `<${tag}>${escapeXml(textOfValue(value))}</${tag}>`;
  if (typeof value !== 'object') throw new Error(`${where}: an object expected, got ${typeof value}`);
  const fields = value as Record<string, unknown>;
  const known = new Set([...type.elements.map((e) => e.name), ...type.attributes.map((a) => a.name)]);
  const unknown = Object.keys(fields).filter((key) => !known.has(key) && fields[key] !== undefined);
  if (unknown.length > 0)
    throw new Error(
      `${where}: ${unknown.join(', ')} not declared by the schema (it has ${[...known].join(', ')})`,
    );
  const attributes = type.attributes
    .filter((attribute) => fields[attribute.name] !== undefined && fields[attribute.name] !== null)
    .map((attribute) => ` ${attribute.name}="${escapeXml(textOfValue(fields[attribute.name]))}"`)
    .join('');
  const children = type.elements
    .map((element) => writeElement(element, fields[element.name], prefixes, `${where}.${element.name}`))
    .join('');
  return `<${tag}${attributes}>${children}</${tag}>`;
}

function textOfValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
