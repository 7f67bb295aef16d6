import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CANONICAL_NAMESPACE, contracts, soapActionOf } from '@journey/soa-contracts';
import { describe, expect, it } from 'vitest';
import { readWsdl } from './wsdl-facts.js';

const CALL_CONTEXT = `{${CANONICAL_NAMESPACE}}CallContext`;
const SERVICE_FAULT = `{${CANONICAL_NAMESPACE}}ServiceFault`;

describe.each(contracts.map((c) => [`${c.service} v${c.version}`, c] as const))('%s WSDL', (_, contract) => {
  it('when read, then it is well-formed WSDL 1.1 with the inventory’s namespace and service', async () => {
    const wsdl = await readWsdl(contract.wsdlFile);
    expect(wsdl.targetNamespace).toBe(contract.definitionsNamespace);
    expect(wsdl.serviceNames).toEqual([contract.serviceName]);
    expect([...wsdl.operations.keys()]).toEqual([...contract.operations]);
  });

  it('when read, then every operation is document/literal wrapped: <Op> in, <Op>Response out, the canonical fault', async () => {
    const wsdl = await readWsdl(contract.wsdlFile);
    for (const [name, op] of wsdl.operations) {
      expect(op, name).toEqual({
        input: `{${contract.messageNamespace}}${name}`,
        output: `{${contract.messageNamespace}}${name}Response`,
        faults: [SERVICE_FAULT],
      });
    }
  });

  it('when read, then it binds every operation for SOAP 1.1 and SOAP 1.2 alike, each with the CallContext header', async () => {
    const wsdl = await readWsdl(contract.wsdlFile);
    expect(wsdl.bindings.map((b) => b.soap).sort()).toEqual(['1.1', '1.2']);
    for (const binding of wsdl.bindings) {
      expect(binding.style).toBe('document');
      expect(binding.transport).toBe('http://schemas.xmlsoap.org/soap/http');
      expect([...binding.operations.keys()]).toEqual([...contract.operations]);
      for (const [name, op] of binding.operations) {
        expect(op, `${binding.name} ${name}`).toEqual({
          soapAction: soapActionOf(contract, name),
          style: 'document',
          headers: [CALL_CONTEXT],
          bodyUse: ['literal', 'literal'],
          faults: ['ServiceFault:literal'],
        });
      }
    }
  });

  it('when read, then it offers one port per SOAP version, named as the inventory says', async () => {
    const wsdl = await readWsdl(contract.wsdlFile);
    const ports = Object.fromEntries(wsdl.ports.map((p) => [p.soap, p.name]));
    expect(ports).toEqual({ '1.1': contract.ports.soap11, '1.2': contract.ports.soap12 });
    for (const port of wsdl.ports) {
      expect(wsdl.bindings.find((b) => b.name === port.binding)?.soap, port.name).toBe(port.soap);
    }
  });

  it('when read, then it imports the canonical schema and its own message schema, both present', async () => {
    const wsdl = await readWsdl(contract.wsdlFile);
    const imported = wsdl.schemaLocations.map((location) => resolve(dirname(contract.wsdlFile), location));
    expect(imported.sort()).toEqual(
      [resolve(dirname(contract.schemaFile), 'canonical-v1.xsd'), contract.schemaFile].sort(),
    );
    for (const file of imported) expect(existsSync(file), file).toBe(true);
  });
});
