import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '@journey/platform';
import soap from 'soap';
import { type ContractModel, contractModel } from './contract-model.js';
import { type EnvelopeValues, readEnvelope } from './envelope-reader.js';
import { qname, type SchemaModel } from './schema-model.js';
import { packageFault, SoapFault } from './soap-fault.js';
import type { SoapVersion } from './soap-version.js';
import { decodeValue, encodeElement } from './value-codec.js';
import type { WsdlDocuments } from './wsdl-documents.js';
import type { GuardedContract, GuardedOperation } from './xml-guard.js';

/** What a handler receives besides its input. */
export interface OperationContext {
  operation: string;
  soapVersion: SoapVersion;
  log: Logger;
  /**
   * The SOAP headers of the request by element name, converted by the schema like the input
   * (`{ CallContext: { viewerId: 7 } }`); a header the schema does not declare comes as the package read it.
   */
  headers: Record<string, unknown>;
}

/**
 * One operation of the contract. The input comes converted by the XSD (see value-codec.ts: numbers,
 * booleans, ISO dates, arrays, null for xsi:nil) and what it returns is written as the output element
 * the XSD declares; the kit reads the schema at run time, so each service declares the input's type
 * where it writes the handler (messages.ts of the contracts has them all).
 */
// biome-ignore lint/suspicious/noExplicitAny: the input's shape comes from the WSDL, typed by the service.
export type OperationHandler = (input: any, context: OperationContext) => unknown;

/** A handler for every operation of the WSDL's port type, by operation name. */
export type SoapImplementation = Record<string, OperationHandler>;

export interface SoapAnswer {
  status: number;
  body: string;
}

/** The `soap` package behind the guard: parses an admitted envelope, runs the handler, writes the answer. */
export interface SoapEngine {
  /** What the guard holds each request to, from the same schema model the handlers' values come by. */
  contract: GuardedContract;
  answer(version: SoapVersion, xml: string, soapAction: string): Promise<SoapAnswer>;
}

interface BindingShape {
  methods: Record<
    string,
    {
      soapAction?: string;
      input?: { $name?: string; targetNamespace?: string };
    }
  >;
}
interface DefinitionsShape {
  bindings: Record<string, BindingShape>;
  services: Record<string, { ports: Record<string, unknown> }>;
}

/**
 * Two `soap` servers over the same WSDL, one per SOAP version, because the package chooses the answer's
 * envelope namespace per WSDL (`forceSoap12Headers`), not per request. They run without an HTTP server
 * of their own (`processRequest`): the kit's server reads the body through the guard first, which
 * `soap.listen` cannot do, since it buffers the whole body before any code of ours runs.
 */
export async function createSoapEngine(
  documents: WsdlDocuments,
  implementation: SoapImplementation,
  log: Logger,
): Promise<SoapEngine> {
  const { wsdlFile, wsdl } = documents;
  const model = contractModel(wsdl, documents.schemas.values());
  const v11 = await soapServer(wsdlFile, wsdl, '1.1', implementation, model, log);
  const v12 = await soapServer(wsdlFile, wsdl, '1.2', implementation, model, log);
  const operations = contractOperations(definitionsOf(v11), model);
  const missing = operations
    .filter((operation) => !implementation[operation.name])
    .map((operation) => operation.name);
  const unknown = Object.keys(implementation).filter(
    (name) => !operations.some((operation) => operation.name === name),
  );
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `the implementation does not match ${wsdlFile}: ` +
        [
          missing.length > 0 && `no handler for ${missing.join(', ')}`,
          unknown.length > 0 && `no operation ${unknown.join(', ')}`,
        ]
          .filter(Boolean)
          .join('; '),
    );
  }
  return {
    contract: {
      operations,
      headerElement: (namespace, local) => model.schema.element(qname(namespace, local)),
    },
    async answer(version, xml, soapAction) {
      const server = version === '1.1' ? v11 : v12;
      const response = await readByKit.run(kitReading(xml, model), () =>
        server.processRequest(xml, { headers: { soapaction: soapAction } }),
      );
      return { status: response.statusCode, body: response.body };
    },
  };
}

async function soapServer(
  wsdlFile: string,
  wsdl: string,
  version: SoapVersion,
  implementation: SoapImplementation,
  model: ContractModel,
  log: Logger,
): Promise<soap.Server> {
  const services: soap.IServices = {};
  const server = await new Promise<soap.Server>((resolve, reject) => {
    const created = soap.listen(null, {
      path: '/',
      xml: wsdl,
      uri: wsdlFile,
      services,
      forceSoap12Headers: version === '1.2',
      suppressStack: true,
      handleNilAsNull: true,
      callback: (error: unknown) =>
        error ? reject(new Error(`cannot load the WSDL ${wsdlFile}: ${String(error)}`)) : resolve(created),
    });
  });
  // The package looks a handler up by service and port, and answers an empty Body when a port has none:
  // every port of every service gets the same handlers (the server keeps this very object).
  for (const [serviceName, service] of Object.entries(definitionsOf(server).services)) {
    const port = Object.fromEntries(
      // An operation the port type lacks is left out here and named by createSoapEngine's check.
      Object.entries(implementation)
        .filter(([operation]) => model.operation(operation))
        .map(([operation, handler]) => [
          operation,
          wrapHandler(operation, version, handler, model, log.child({ operation, soapVersion: version })),
        ]),
    );
    services[serviceName] = Object.fromEntries(
      Object.keys(service.ports).map((portName) => [portName, port]),
    );
  }
  return server;
}

function wrapHandler(
  operation: string,
  soapVersion: SoapVersion,
  handler: OperationHandler,
  model: ContractModel,
  log: Logger,
) {
  const elements = model.operation(operation);
  if (!elements) throw new Error(`the contract's port type has no operation ${operation}`);
  return async (input: unknown, _callback: unknown, headers: unknown) => {
    try {
      const read = readByKit.getStore();
      const output = await handler(read?.body ?? decodeValue(elements.input.type, input ?? {}), {
        operation,
        soapVersion,
        log,
        headers: read?.headers ?? decodeHeaders(model.schema, headers),
      });
      // Written by the kit, not the package, which puts nested elements in the message's namespace.
      return { _xml: encodeElement(elements.output, output ?? {}) };
    } catch (error) {
      if (error instanceof SoapFault) throw packageFault(soapVersion, error, elements.faults);
      // The caller learns only that it failed; the log keeps what and why.
      log.error({ err: error }, `operation ${operation} failed`);
      throw packageFault(
        soapVersion,
        new SoapFault('InternalError', 'the service failed to answer', {}, 'Server'),
      );
    }
  };
}

/**
 * The request as the kit read it (envelope-reader.ts), for the handler the package calls within
 * `processRequest`. Undefined when the kit could not read it (only with the guard off): the handler then
 * gets the package's reading, converted by decodeValue.
 */
const readByKit = new AsyncLocalStorage<EnvelopeValues | undefined>();

function kitReading(xml: string, model: ContractModel): EnvelopeValues | undefined {
  try {
    return readEnvelope(xml, model.schema);
  } catch {
    return undefined;
  }
}

const definitionsOf = (server: soap.Server) =>
  (server as unknown as { wsdl: { definitions: DefinitionsShape } }).wsdl.definitions;

function contractOperations(definitions: DefinitionsShape, model: ContractModel): GuardedOperation[] {
  const byName = new Map<string, GuardedOperation>();
  for (const binding of Object.values(definitions.bindings)) {
    for (const [name, method] of Object.entries(binding.methods)) {
      if (byName.has(name)) continue;
      byName.set(name, {
        name,
        soapAction: method.soapAction ?? '',
        inputNamespace: method.input?.targetNamespace ?? '',
        inputElement: method.input?.$name ?? name,
        input: model.operation(name)?.input,
      });
    }
  }
  return [...byName.values()];
}

/** Each header by the global element of its name, when the schema has exactly one. */
function decodeHeaders(schema: SchemaModel, headers: unknown): Record<string, unknown> {
  if (!headers || typeof headers !== 'object') return {};
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      const declared = schema.elementsNamed(name);
      return [name, declared.length === 1 ? decodeValue(declared[0]!.type, value) : value];
    }),
  );
}
