import sax from 'sax';
import { type ElementDecl, qname, type SchemaModel } from './schema-model.js';
import { decodeText } from './value-codec.js';

const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

interface XmlNode {
  uri: string;
  local: string;
  attributes: Record<string, string>;
  nil: boolean;
  text: string;
  children: XmlNode[];
}

/** An envelope's declared headers and Body child, as values (see value-codec.ts for the shapes). */
export interface EnvelopeValues {
  headers: Record<string, unknown>;
  body: unknown;
}

/**
 * Reads an envelope by the schema itself rather than through the `soap` package, whose parser reads an
 * empty element and an `xsi:nil` one alike (both null, or the nil one dropped): the contracts give them
 * different meanings (UpdateUser: empty stores "", nil clears). Headers the schema does not declare are
 * left out. Throws on XML that is not well-formed; the server has passed it through the guard first.
 */
export function readEnvelope(xml: string, schema: SchemaModel): EnvelopeValues {
  const root = parseTree(xml);
  const part = (local: string) => root.children.find((child) => child.local === local);
  const headers: Record<string, unknown> = {};
  for (const header of part('Header')?.children ?? []) {
    const decl = schema.element(qname(header.uri, header.local));
    if (decl) headers[header.local] = decodeNode(decl, header);
  }
  const bodyChild = part('Body')?.children[0];
  const decl = bodyChild && schema.element(qname(bodyChild.uri, bodyChild.local));
  return { headers, body: decl && bodyChild ? decodeNode(decl, bodyChild) : undefined };
}

function decodeNode(decl: ElementDecl, node: XmlNode): unknown {
  if (node.nil) return null;
  const type = decl.type;
  if (type.kind === 'simple') return decodeText(type.builtin, node.text);
  const result: Record<string, unknown> = {};
  for (const attribute of type.attributes) {
    const value = node.attributes[attribute.name];
    if (value !== undefined) result[attribute.name] = decodeText(attribute.builtin, value);
  }
  for (const element of type.elements) {
    const matching = node.children.filter(
      (child) => child.local === element.name && child.uri === element.namespace,
    );
    if (element.max > 1) result[element.name] = matching.map((child) => decodeNode(element, child));
    else if (matching[0]) result[element.name] = decodeNode(element, matching[0]);
  }
  return result;
}

function parseTree(xml: string): XmlNode {
  const parser = sax.parser(true, { xmlns: true, position: false });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.onerror = (error) => {
    throw new Error(`not well-formed XML: ${error.message.split('\n')[0]}`);
  };
  parser.onopentag = (tag) => {
    const attributes: Record<string, string> = {};
    let nil = false;
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === XSI_NAMESPACE)
        nil ||= attribute.local === 'nil' && /^(true|1)$/.test(attribute.value);
      else if (!attribute.uri) attributes[attribute.local] = attribute.value;
    }
    const node: XmlNode = { uri: tag.uri, local: tag.local, attributes, nil, text: '', children: [] };
    stack[stack.length - 1]?.children.push(node);
    root ??= node;
    stack.push(node);
  };
  parser.ontext = (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.oncdata = (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}
