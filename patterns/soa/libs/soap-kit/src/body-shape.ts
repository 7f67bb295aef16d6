/**
 * An operation's input as the `soap` package describes it from the XSD (`description()`): child element
 * names to either an XSD type name (`xsd:int`) or the shape of a complex child; `name[]` marks a
 * repeated one. The guard holds a body to it while streaming, because the package itself never validates:
 * it would hand `{ a: NaN }` to a handler for `<a>abc</a>`, or pass on elements the contract does not have.
 */
export interface BodyShape {
  [child: string]: string | BodyShape;
}

/** What the shape says of a child element: undefined when the contract has no such child. */
export function childShape(parent: BodyShape, local: string): string | BodyShape | undefined {
  return Object.hasOwn(parent, local)
    ? parent[local]
    : Object.hasOwn(parent, `${local}[]`)
      ? parent[`${local}[]`]
      : undefined;
}

const INTEGER = /^[+-]?\d{1,18}$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DOUBLE = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

const LEXICAL: Record<string, RegExp> = {
  int: INTEGER,
  integer: INTEGER,
  long: INTEGER,
  short: INTEGER,
  nonNegativeInteger: /^\+?\d{1,18}$/,
  positiveInteger: /^\+?0*[1-9]\d{0,17}$/,
  decimal: DECIMAL,
  double: DOUBLE,
  float: DOUBLE,
  boolean: /^(true|false|0|1)$/,
  dateTime: DATE_TIME,
  date: /^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$/,
};

/**
 * Whether text is a value of a built-in XSD type, for the types the package converts (numbers, booleans,
 * dates); strings and types it does not convert pass as they are. XSD collapses whitespace around them.
 */
export function isLexicallyValid(type: string, text: string): boolean {
  const local = type.slice(type.indexOf(':') + 1);
  const pattern = LEXICAL[local];
  return pattern === undefined || pattern.test(text.trim());
}
