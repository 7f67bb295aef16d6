import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** An element of a parsed document, with its namespace resolved and its in-scope prefixes kept. */
export interface XmlElement {
  readonly uri: string;
  readonly local: string;
  /** Unprefixed attributes by local name (WSDL and XSD put theirs in no namespace). */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Prefix → namespace in scope here, to resolve QName values such as type="c:Profile". */
  readonly prefixes: Readonly<Record<string, string>>;
}

interface SaxTag {
  uri: string;
  local: string;
  ns: Record<string, string>;
  attributes: Record<string, { uri: string; local: string; value: string }>;
}
interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  write(text: string): SaxParser;
  close(): void;
}

// sax is the parser the soap package itself reads WSDL with. It ships no types, and the DOM-based
// @xmldom/xmldom would pull the browser's DOM types into the whole type-check, hence this narrow view.
const sax = createRequire(import.meta.url)('sax') as {
  parser(strict: boolean, options: { xmlns: boolean }): SaxParser;
};

/** Parses a well-formed document (strict: any error throws, naming `source`). */
export function parseXml(text: string, source: string): XmlElement {
  const parser = sax.parser(true, { xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.onerror = (error) => {
    throw new Error(`${source} is not well-formed XML: ${error.message}`);
  };
  parser.onopentag = (tag) => {
    const attrs: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === '') attrs[attribute.local] = attribute.value;
    }
    const prefixes: Record<string, string> = {};
    // sax chains each scope's prefixes to its parent's by prototype, which a spread would drop.
    for (const prefix in tag.ns) prefixes[prefix] = tag.ns[prefix]!;
    const element: XmlElement = { uri: tag.uri, local: tag.local, attrs, children: [], prefixes };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.write(text).close();
  if (!root) throw new Error(`${source} has no root element`);
  return root;
}

export const readXml = async (file: string) => parseXml(await readFile(file, 'utf8'), file);

/** The children of `element` named `{uri}local` (any local name when `local` is left out). */
export const childrenOf = (element: XmlElement, uri: string, local?: string) =>
  element.children.filter((c) => c.uri === uri && (local === undefined || c.local === local));

/** A QName attribute value (`c:Profile`) as `{namespace}local`, resolved where it was written. */
export function resolveQName(element: XmlElement, value: string): string {
  const [prefix, local] = value.includes(':') ? value.split(':', 2) : ['', value];
  const uri = element.prefixes[prefix ?? ''];
  if (uri === undefined)
    throw new Error(`prefix "${prefix}" of ${value} is not declared on <${element.local}>`);
  return `{${uri}}${local}`;
}

export const XS = 'http://www.w3.org/2001/XMLSchema';
export const WSDL = 'http://schemas.xmlsoap.org/wsdl/';
export const SOAP11 = 'http://schemas.xmlsoap.org/wsdl/soap/';
export const SOAP12 = 'http://schemas.xmlsoap.org/wsdl/soap12/';
