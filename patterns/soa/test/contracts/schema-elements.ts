import { readXml, resolveQName, type XmlElement, XS } from './xml-tree.js';

/**
 * The names of the elements a global element of `schemaFile` contains, in order, following its
 * named type when it has one (types of the same schema only, as the message schemas are written).
 */
export async function childNames(schemaFile: string, elementName: string): Promise<string[]> {
  const schema = await readXml(schemaFile);
  const target = schema.attrs.targetNamespace;
  const global = (kind: string, name: string) => {
    const found = schema.children.find((c) => c.uri === XS && c.local === kind && c.attrs.name === name);
    if (!found) throw new Error(`${schemaFile} declares no ${kind} ${name}`);
    return found;
  };
  const element = global('element', elementName);
  let type: XmlElement | undefined = element.children.find((c) => c.uri === XS && c.local === 'complexType');
  if (element.attrs.type) {
    const qname = resolveQName(element, element.attrs.type);
    if (!qname.startsWith(`{${target}}`))
      throw new Error(`${elementName}'s type ${qname} is not in ${schemaFile}`);
    type = global('complexType', qname.slice(`{${target}}`.length));
  }
  const sequence = type?.children.find((c) => c.uri === XS && c.local === 'sequence');
  return (sequence?.children ?? [])
    .filter((c) => c.uri === XS && c.local === 'element')
    .map((c) => c.attrs.name!);
}
