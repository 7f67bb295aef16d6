import sax from 'sax';
import { type ElementDecl, type QName, qname, type SchemaModel, schemaModel } from './schema-model.js';

const WSDL_NAMESPACE = 'http://schemas.xmlsoap.org/wsdl/';

/** The elements one operation exchanges, from its port type's messages (document/literal: one part each). */
export interface OperationElements {
  input: ElementDecl;
  output: ElementDecl;
  /** The detail element of each declared `wsdl:fault`. */
  faults: ElementDecl[];
}

/** A contract's operations and schemas as the kit converts by them, on the serving and the calling side. */
export interface ContractModel {
  schema: SchemaModel;
  operation(name: string): OperationElements | undefined;
}

/** Builds the model from the WSDL text and the text of every schema it imports (directly or not). */
export function contractModel(wsdl: string, schemas: Iterable<string>): ContractModel {
  const schema = schemaModel(schemas);
  const messages = new Map<QName, QName>();
  const operations = new Map<string, { input?: QName; output?: QName; faults: QName[] }>();
  const parser = sax.parser(true, { xmlns: true, position: false });
  let targetNamespace = '';
  let inPortType = false;
  let message: QName | undefined;
  let operation: { input?: QName; output?: QName; faults: QName[] } | undefined;
  parser.onerror = (error) => {
    throw new Error(`cannot read the WSDL: ${error.message.split('\n')[0]}`);
  };
  parser.onopentag = (tag) => {
    const attribute = (name: string) => tag.attributes[name]?.value;
    const resolve = (value: string) => {
      const colon = value.indexOf(':');
      return qname(tag.ns[colon < 0 ? '' : value.slice(0, colon)] ?? '', value.slice(colon + 1));
    };
    if (tag.uri !== WSDL_NAMESPACE) return;
    switch (tag.local) {
      case 'definitions':
        targetNamespace = attribute('targetNamespace') ?? '';
        break;
      case 'message':
        message = qname(targetNamespace, attribute('name') ?? '');
        break;
      case 'part': {
        const element = attribute('element');
        if (message && element) messages.set(message, resolve(element));
        break;
      }
      case 'portType':
        inPortType = true;
        break;
      case 'operation':
        if (inPortType) {
          operation = { faults: [] };
          operations.set(attribute('name') ?? '', operation);
        }
        break;
      case 'input':
      case 'output':
      case 'fault': {
        const named = attribute('message');
        if (!operation || !named) break;
        if (tag.local === 'fault') operation.faults.push(resolve(named));
        else operation[tag.local] = resolve(named);
        break;
      }
    }
  };
  parser.onclosetag = (name) => {
    const local = name.slice(name.indexOf(':') + 1);
    if (local === 'portType') inPortType = false;
    if (local === 'operation') operation = undefined;
    if (local === 'message') message = undefined;
  };
  parser.write(wsdl).close();

  const elementOf = (operationName: string, messageName: QName | undefined) => {
    const element = messageName ? messages.get(messageName) : undefined;
    const decl = element ? schema.element(element) : undefined;
    if (!decl)
      throw new Error(`operation ${operationName}: no element declared for its message ${messageName}`);
    return decl;
  };
  const resolved = new Map<string, OperationElements>();
  for (const [name, raw] of operations) {
    resolved.set(name, {
      input: elementOf(name, raw.input),
      output: elementOf(name, raw.output),
      faults: raw.faults.map((fault) => elementOf(name, fault)),
    });
  }
  return { schema, operation: (name) => resolved.get(name) };
}
