import { childrenOf, readXml, resolveQName, SOAP11, SOAP12, WSDL, type XmlElement } from './xml-tree.js';

/** What a WSDL 1.1 document promises, read straight from its XML (element names as `{ns}local`). */
export interface WsdlFacts {
  readonly file: string;
  readonly targetNamespace: string;
  readonly serviceNames: string[];
  /** The schemaLocation of every xs:import and xs:include in wsdl:types. */
  readonly schemaLocations: string[];
  /** Per operation of the (single) port type: its input, output and fault elements. */
  readonly operations: Map<string, { input: string; output: string; faults: string[] }>;
  readonly bindings: BindingFacts[];
  readonly ports: { name: string; binding: string; soap: '1.1' | '1.2'; location: string }[];
}

export interface BindingFacts {
  readonly name: string;
  readonly soap: '1.1' | '1.2';
  readonly style: string;
  readonly transport: string;
  readonly operations: Map<
    string,
    { soapAction: string; style: string; headers: string[]; bodyUse: string[]; faults: string[] }
  >;
}

const soapVersion = (element: XmlElement): '1.1' | '1.2' | undefined =>
  element.uri === SOAP11 ? '1.1' : element.uri === SOAP12 ? '1.2' : undefined;

export async function readWsdl(file: string): Promise<WsdlFacts> {
  const root = await readXml(file);
  if (root.uri !== WSDL || root.local !== 'definitions')
    throw new Error(`${file} is not a WSDL 1.1 document`);
  const targetNamespace = root.attrs.targetNamespace ?? '';
  const local = (qname: string, where: XmlElement) => {
    const resolved = resolveQName(where, qname);
    if (!resolved.startsWith(`{${targetNamespace}}`))
      throw new Error(`${file}: ${qname} is not in this WSDL`);
    return resolved.slice(targetNamespace.length + 2);
  };

  // message name → the element of its single part
  const messages = new Map<string, string>();
  for (const message of childrenOf(root, WSDL, 'message')) {
    const parts = childrenOf(message, WSDL, 'part');
    if (parts.length !== 1 || !parts[0]!.attrs.element) {
      throw new Error(
        `${file}: message ${message.attrs.name} must have one part with an element (document/literal)`,
      );
    }
    messages.set(message.attrs.name!, resolveQName(parts[0]!, parts[0]!.attrs.element));
  }
  const elementOf = (ref: XmlElement) => {
    const found = messages.get(local(ref.attrs.message ?? '', ref));
    if (!found) throw new Error(`${file}: ${ref.local} refers to an unknown message ${ref.attrs.message}`);
    return found;
  };

  const portTypes = childrenOf(root, WSDL, 'portType');
  if (portTypes.length !== 1) throw new Error(`${file}: expected one portType, found ${portTypes.length}`);
  const operations: WsdlFacts['operations'] = new Map();
  for (const op of childrenOf(portTypes[0]!, WSDL, 'operation')) {
    const [input] = childrenOf(op, WSDL, 'input');
    const [output] = childrenOf(op, WSDL, 'output');
    if (!input || !output) throw new Error(`${file}: operation ${op.attrs.name} is not request-response`);
    operations.set(op.attrs.name!, {
      input: elementOf(input),
      output: elementOf(output),
      faults: childrenOf(op, WSDL, 'fault').map(elementOf),
    });
  }

  const bindings: BindingFacts[] = childrenOf(root, WSDL, 'binding').map((binding) => {
    const [soapBinding] = binding.children.filter((c) => soapVersion(c) && c.local === 'binding');
    if (!soapBinding) throw new Error(`${file}: binding ${binding.attrs.name} is not a SOAP binding`);
    const ops: BindingFacts['operations'] = new Map();
    for (const op of childrenOf(binding, WSDL, 'operation')) {
      const soapOp = op.children.find((c) => c.uri === soapBinding.uri && c.local === 'operation');
      const inner = (direction: string) => childrenOf(op, WSDL, direction).flatMap((d) => d.children);
      const inOut = [...inner('input'), ...inner('output')];
      ops.set(op.attrs.name!, {
        soapAction: soapOp?.attrs.soapAction ?? '',
        style: soapOp?.attrs.style ?? soapBinding.attrs.style ?? '',
        headers: inner('input')
          .filter((c) => c.local === 'header')
          .map((h) => {
            const part = h.attrs.part;
            const element = elementOf(h);
            if (part === undefined) throw new Error(`${file}: a header of ${op.attrs.name} names no part`);
            return element;
          }),
        bodyUse: inOut.filter((c) => c.local === 'body').map((b) => b.attrs.use ?? ''),
        faults: inner('fault')
          .filter((c) => c.local === 'fault')
          .map((f) => `${f.attrs.name}:${f.attrs.use}`),
      });
    }
    return {
      name: binding.attrs.name!,
      soap: soapVersion(soapBinding)!,
      style: soapBinding.attrs.style ?? '',
      transport: soapBinding.attrs.transport ?? '',
      operations: ops,
    };
  });

  const ports = childrenOf(root, WSDL, 'service').flatMap((service) =>
    childrenOf(service, WSDL, 'port').map((port) => {
      const address = port.children.find((c) => soapVersion(c) && c.local === 'address');
      if (!address) throw new Error(`${file}: port ${port.attrs.name} has no SOAP address`);
      return {
        name: port.attrs.name!,
        binding: local(port.attrs.binding ?? '', port),
        soap: soapVersion(address)!,
        location: address.attrs.location ?? '',
      };
    }),
  );

  const schemaLocations = childrenOf(root, WSDL, 'types')
    .flatMap((types) => types.children)
    .flatMap((schema) => schema.children)
    .filter((c) => c.local === 'import' || c.local === 'include')
    .map((c) => c.attrs.schemaLocation ?? '');

  return {
    file,
    targetNamespace,
    serviceNames: childrenOf(root, WSDL, 'service').map((s) => s.attrs.name!),
    schemaLocations,
    operations,
    bindings,
    ports,
  };
}
