import sax from 'sax';

const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** A qualified name as `{namespace}local`, how the model keys every declaration. */
export type QName = string;
export const qname = (namespace: string, local: string): QName => `{${namespace}}${local}`;
const localOf = (name: QName) => name.slice(name.indexOf('}') + 1);
const namespaceOf = (name: QName) => name.slice(1, name.indexOf('}'));

/** An element as the XSD declares it: where it is on the wire, what it holds, how often, whether it may be nil. */
export interface ElementDecl {
  name: string;
  /** The element's namespace on the wire ('' when unqualified). */
  namespace: string;
  type: SchemaType;
  min: number;
  max: number;
  nillable: boolean;
}

/** A simple type reduced to the built-in type it restricts (`int`, `boolean`, `dateTime`, `string`…). */
export interface SimpleType {
  kind: 'simple';
  builtin: string;
  /** The restriction's facets, the base type's and its own (a derived type's win). */
  facets: Facets;
}

/**
 * The facets the kit enforces: the ones the Conduit contracts use. Any other facet in a contract
 * (pattern, length, totalDigits…) stops the model from being built, rather than being silently ignored.
 */
export interface Facets {
  minLength?: number;
  maxLength?: number;
  minInclusive?: number;
  maxInclusive?: number;
  enumeration?: string[];
}
const LENGTH_FACETS = new Set(['minLength', 'maxLength']);
const RANGE_FACETS = new Set(['minInclusive', 'maxInclusive']);
/** The built-in types whose values are numbers (value-codec.ts decodes them as such). */
export const NUMERIC_BUILTINS: ReadonlySet<string> = new Set([
  'int',
  'integer',
  'long',
  'short',
  'byte',
  'nonNegativeInteger',
  'positiveInteger',
  'nonPositiveInteger',
  'negativeInteger',
  'unsignedInt',
  'unsignedLong',
  'unsignedShort',
  'unsignedByte',
  'decimal',
  'double',
  'float',
]);
export interface ComplexType {
  kind: 'complex';
  /** In document order, base type's first (xs:extension). */
  elements: ElementDecl[];
  attributes: { name: string; builtin: string }[];
}
export type SchemaType = SimpleType | ComplexType;

/**
 * The XSDs of one contract, read once: each global element with the types of everything below it. The
 * kit converts by it in both directions (XML text to the values canonical.ts promises, and values to
 * elements in the namespace the XSD puts them in), because the `soap` package does neither reliably.
 * Covers what hand-written document/literal contracts use: global and local elements, named and
 * anonymous types, sequence/all/choice, complexContent extension, simpleType restriction with the
 * facets of Facets, attributes.
 */
export interface SchemaModel {
  element(name: QName): ElementDecl | undefined;
  /** Global elements by local name, for SOAP headers named without their namespace. */
  elementsNamed(local: string): ElementDecl[];
}

interface RawElement {
  name: string;
  namespace: string;
  ref?: QName;
  type?: QName;
  inline?: RawType;
  min: number;
  max: number;
  nillable: boolean;
}
interface RawFacet {
  name: string;
  value: string;
}
type RawType =
  | { kind: 'simple'; name?: QName; base?: QName; facets: RawFacet[] }
  | {
      kind: 'complex';
      base?: QName;
      elements: RawElement[];
      attributes: { name: string; type?: QName; inline?: RawType }[];
    };

export function schemaModel(schemaTexts: Iterable<string>): SchemaModel {
  const elements = new Map<QName, RawElement>();
  const types = new Map<QName, RawType>();
  for (const text of schemaTexts) readSchema(text, elements, types);

  const resolved = new Map<RawType, SchemaType>();
  const resolveType = (raw: RawType | undefined, name: QName | undefined): SchemaType => {
    if (name && namespaceOf(name) === XSD_NAMESPACE) {
      return { kind: 'simple', builtin: localOf(name) === 'anyType' ? 'string' : localOf(name), facets: {} };
    }
    const found = raw ?? (name ? types.get(name) : undefined);
    if (!found) {
      if (!name) return { kind: 'simple', builtin: 'string', facets: {} };
      throw new Error(`the schema has no type ${name}`);
    }
    const cached = resolved.get(found);
    if (cached) return cached;
    if (found.kind === 'simple') {
      const base: SimpleType = found.base
        ? (resolveType(undefined, found.base) as SimpleType)
        : { kind: 'simple', builtin: 'string', facets: {} };
      const simple: SimpleType = { ...base, facets: { ...base.facets, ...facetsOf(found, base.builtin) } };
      resolved.set(found, simple);
      return simple;
    }
    // Registered before its children resolve, so a recursive type ends.
    const complex: ComplexType = { kind: 'complex', elements: [], attributes: [] };
    resolved.set(found, complex);
    if (found.base) {
      const base = resolveType(undefined, found.base);
      if (base.kind === 'complex') {
        complex.elements.push(...base.elements);
        complex.attributes.push(...base.attributes);
      }
    }
    complex.elements.push(...found.elements.map(resolveElement));
    for (const attribute of found.attributes) {
      const type = resolveType(attribute.inline, attribute.type);
      complex.attributes.push({
        name: attribute.name,
        builtin: type.kind === 'simple' ? type.builtin : 'string',
      });
    }
    return complex;
  };
  const declared = new Map<RawElement, ElementDecl>();
  const resolveElement = (raw: RawElement): ElementDecl => {
    const target = raw.ref ? elements.get(raw.ref) : raw;
    if (!target) throw new Error(`the schema has no element ${raw.ref}`);
    const known = declared.get(raw);
    if (known) return known;
    const decl = {
      name: target.name,
      namespace: target.namespace,
      min: raw.min,
      max: raw.max,
      nillable: target.nillable,
    } as ElementDecl;
    declared.set(raw, decl);
    decl.type = resolveType(target.inline, target.type);
    return decl;
  };
  return {
    element: (name) => {
      const raw = elements.get(name);
      return raw ? resolveElement(raw) : undefined;
    },
    elementsNamed: (local) =>
      [...elements.values()].filter((raw) => raw.name === local).map((raw) => resolveElement(raw)),
  };
}

/** A restriction's own facets, checked against what the kit enforces (see Facets). */
function facetsOf(type: RawType & { kind: 'simple' }, builtin: string): Facets {
  const facets: Facets = {};
  const where = type.name
    ? `the simple type ${type.name}`
    : `an anonymous simple type (restricting xs:${builtin})`;
  for (const { name, value } of type.facets) {
    if (name === 'enumeration') facets.enumeration = [...(facets.enumeration ?? []), value];
    else if (LENGTH_FACETS.has(name) || (RANGE_FACETS.has(name) && NUMERIC_BUILTINS.has(builtin))) {
      const limit = Number(value);
      if (!Number.isFinite(limit)) throw new Error(`facet xs:${name}="${value}" of ${where} is not a number`);
      facets[name as 'minLength' | 'maxLength' | 'minInclusive' | 'maxInclusive'] = limit;
    } else {
      throw new Error(
        `facet xs:${name} of ${where} is not supported by the SOAP kit (it enforces minLength, maxLength, enumeration, and minInclusive/maxInclusive on numbers)`,
      );
    }
  }
  return facets;
}

interface Frame {
  local: string;
  element?: RawElement;
  type?: RawType;
}

function readSchema(text: string, elements: Map<QName, RawElement>, types: Map<QName, RawType>) {
  const parser = sax.parser(true, { xmlns: true, position: false });
  const stack: Frame[] = [];
  let targetNamespace = '';
  let qualified = false;
  parser.onerror = (error) => {
    throw new Error(`cannot read a schema of the contract: ${error.message.split('\n')[0]}`);
  };
  parser.onopentag = (tag) => {
    const frame: Frame = { local: tag.local };
    if (tag.uri !== XSD_NAMESPACE) {
      stack.push(frame);
      return;
    }
    const attribute = (name: string) => tag.attributes[name]?.value;
    const resolve = (value: string | undefined): QName | undefined => {
      if (value === undefined) return undefined;
      const colon = value.indexOf(':');
      const prefix = colon < 0 ? '' : value.slice(0, colon);
      const namespace = tag.ns[prefix] ?? '';
      return qname(namespace, value.slice(colon + 1));
    };
    const parent = stack[stack.length - 1];
    const global = parent?.local === 'schema';
    const owner = [...stack].reverse().find((f) => f.type)?.type;
    switch (tag.local) {
      case 'schema':
        targetNamespace = attribute('targetNamespace') ?? '';
        qualified = attribute('elementFormDefault') === 'qualified';
        break;
      case 'element': {
        const max = attribute('maxOccurs');
        const form = attribute('form');
        const element: RawElement = {
          name: attribute('name') ?? '',
          namespace:
            global || form === 'qualified' || (qualified && form !== 'unqualified') ? targetNamespace : '',
          ref: resolve(attribute('ref')),
          type: resolve(attribute('type')),
          min: Number(attribute('minOccurs') ?? 1),
          max: max === 'unbounded' ? Number.POSITIVE_INFINITY : Number(max ?? 1),
          nillable: attribute('nillable') === 'true',
        };
        frame.element = element;
        if (global) elements.set(qname(targetNamespace, element.name), element);
        else if (owner?.kind === 'complex') owner.elements.push(element);
        break;
      }
      case 'complexType':
      case 'simpleType': {
        const typeName = global ? qname(targetNamespace, attribute('name') ?? '') : undefined;
        const type: RawType =
          tag.local === 'simpleType'
            ? { kind: 'simple', name: typeName, facets: [] }
            : { kind: 'complex', elements: [], attributes: [] };
        frame.type = type;
        if (typeName) types.set(typeName, type);
        else if (parent?.element) parent.element.inline = type;
        else if (parent?.local === 'attribute' && owner?.kind === 'complex') {
          const last = owner.attributes[owner.attributes.length - 1];
          if (last) last.inline = type;
        }
        break;
      }
      case 'restriction':
      case 'extension':
        if (owner) owner.base = resolve(attribute('base'));
        break;
      case 'attribute':
        if (owner?.kind === 'complex')
          owner.attributes.push({ name: attribute('name') ?? '', type: resolve(attribute('type')) });
        break;
      default:
        // Every child of a simple type's restriction but an annotation is a facet.
        if (parent?.local === 'restriction' && owner?.kind === 'simple' && tag.local !== 'annotation')
          owner.facets.push({ name: tag.local, value: attribute('value') ?? '' });
    }
    stack.push(frame);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.write(text).close();
}
