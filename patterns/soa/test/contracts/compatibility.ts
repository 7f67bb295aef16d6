import { readWsdl } from './wsdl-facts.js';
import { readXml, type XmlElement, XS } from './xml-tree.js';

/** The files of one contract version, as @journey/soa-contracts lists them. */
export interface ContractFiles {
  readonly wsdlFile: string;
  readonly schemaFile: string;
}

/**
 * Why `newer` is not a backward-compatible revision of `older` (empty: it is). The rule (README,
 * engagement-v2.wsdl): the newer contract may only add optional elements at the end of a sequence,
 * new global declarations, or new operations; everything else the older one said stays as it was.
 */
export async function compatibilityProblems(older: ContractFiles, newer: ContractFiles): Promise<string[]> {
  return [...(await wsdlProblems(older.wsdlFile, newer.wsdlFile)), ...(await schemaProblems(older, newer))];
}

async function wsdlProblems(olderFile: string, newerFile: string): Promise<string[]> {
  const [older, newer] = await Promise.all([readWsdl(olderFile), readWsdl(newerFile)]);
  const problems: string[] = [];
  for (const [name, op] of older.operations) {
    const now = newer.operations.get(name);
    if (!now) {
      problems.push(`operation ${name} was removed`);
      continue;
    }
    if (now.input !== op.input) problems.push(`operation ${name} takes ${now.input} instead of ${op.input}`);
    if (now.output !== op.output)
      problems.push(`operation ${name} answers ${now.output} instead of ${op.output}`);
    for (const fault of op.faults) {
      if (!now.faults.includes(fault))
        problems.push(`operation ${name} no longer declares the fault ${fault}`);
    }
  }
  for (const binding of older.bindings) {
    const same = newer.bindings.find((b) => b.soap === binding.soap);
    if (!same) {
      problems.push(`the SOAP ${binding.soap} binding was removed`);
      continue;
    }
    for (const [name, op] of binding.operations) {
      const now = same.operations.get(name);
      if (!now) problems.push(`operation ${name} is no longer bound for SOAP ${binding.soap}`);
      else if (now.soapAction !== op.soapAction) {
        problems.push(
          `SOAP ${binding.soap} ${name}: SOAPAction ${now.soapAction} instead of ${op.soapAction}`,
        );
      }
    }
  }
  return problems;
}

const declarations = (schema: XmlElement) =>
  new Map(
    schema.children
      .filter((c) => c.uri === XS && c.attrs.name !== undefined)
      .map((c) => [`${c.local} ${c.attrs.name}`, c] as const),
  );

async function schemaProblems(older: ContractFiles, newer: ContractFiles): Promise<string[]> {
  const [was, now] = await Promise.all([readXml(older.schemaFile), readXml(newer.schemaFile)]);
  if (was.attrs.targetNamespace !== now.attrs.targetNamespace) {
    return [
      `the message namespace changed from ${was.attrs.targetNamespace} to ${now.attrs.targetNamespace}: every v1 message would be refused`,
    ];
  }
  const problems: string[] = [];
  const nowDeclared = declarations(now);
  for (const [key, declaration] of declarations(was)) {
    const match = nowDeclared.get(key);
    if (!match) problems.push(`${key} was removed`);
    else compareNodes(declaration, match, key, problems);
  }
  return problems;
}

const ignored = (node: XmlElement) => node.uri !== XS || node.local === 'annotation';

/** Walks one declaration in both versions side by side, noting every difference the rule forbids. */
function compareNodes(was: XmlElement, now: XmlElement, path: string, problems: string[]): void {
  const attributes = new Set([...Object.keys(was.attrs), ...Object.keys(now.attrs)]);
  for (const name of attributes) {
    const before = was.attrs[name] ?? defaultOf(name);
    const after = now.attrs[name] ?? defaultOf(name);
    if (before !== after) problems.push(`${path}: ${name} changed from ${before} to ${after}`);
  }
  const before = was.children.filter((c) => !ignored(c));
  const after = now.children.filter((c) => !ignored(c));
  before.forEach((child, i) => {
    const counterpart = after[i];
    const label = `${path}/${child.local}${child.attrs.name ? ` ${child.attrs.name}` : ''}`;
    if (!counterpart || counterpart.local !== child.local || counterpart.attrs.name !== child.attrs.name) {
      problems.push(`${label} was removed or moved`);
    } else compareNodes(child, counterpart, label, problems);
  });
  for (const added of after.slice(before.length)) {
    const label = `${path}/${added.local}${added.attrs.name ? ` ${added.attrs.name}` : ''}`;
    const optional = (added.local === 'element' || added.local === 'any') && added.attrs.minOccurs === '0';
    if (was.local !== 'sequence')
      problems.push(`${label} was added inside a ${was.local}, not at the end of a sequence`);
    else if (!optional)
      problems.push(`${label} was added as a required element; a new element must be minOccurs="0"`);
  }
}

/** XSD's defaults, so that writing minOccurs="1" out is not taken for a change. */
function defaultOf(attribute: string): string | undefined {
  if (attribute === 'minOccurs' || attribute === 'maxOccurs') return '1';
  if (attribute === 'nillable') return 'false';
  return undefined;
}
