import type { Logger } from '@journey/platform';
import soap from 'soap';
import type { BodyShape } from './body-shape.js';
import { packageFault, SoapFault } from './soap-fault.js';
import type { SoapVersion } from './soap-version.js';
import type { GuardedOperation } from './xml-guard.js';

/** What a handler receives besides its input. */
export interface OperationContext {
  operation: string;
  soapVersion: SoapVersion;
  log: Logger;
}

/**
 * One operation of the contract. The `soap` package parses the input against the WSDL at run time, so
 * the kit cannot know its type: each service declares it where it writes the handler.
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
  operations: readonly GuardedOperation[];
  answer(version: SoapVersion, xml: string, soapAction: string): Promise<SoapAnswer>;
}

interface BindingShape {
  methods: Record<
    string,
    {
      soapAction?: string;
      input?: { $name?: string; targetNamespace?: string; description(definitions: unknown): BodyShape };
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
  wsdlFile: string,
  wsdl: string,
  implementation: SoapImplementation,
  log: Logger,
): Promise<SoapEngine> {
  const v11 = await soapServer(wsdlFile, wsdl, '1.1', implementation, log);
  const v12 = await soapServer(wsdlFile, wsdl, '1.2', implementation, log);
  const operations = contractOperations(definitionsOf(v11));
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
    operations,
    async answer(version, xml, soapAction) {
      const server = version === '1.1' ? v11 : v12;
      const response = await server.processRequest(xml, { headers: { soapaction: soapAction } });
      return { status: response.statusCode, body: response.body };
    },
  };
}

async function soapServer(
  wsdlFile: string,
  wsdl: string,
  version: SoapVersion,
  implementation: SoapImplementation,
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
      callback: (error: unknown) =>
        error ? reject(new Error(`cannot load the WSDL ${wsdlFile}: ${String(error)}`)) : resolve(created),
    });
  });
  // The package looks a handler up by service and port, and answers an empty Body when a port has none:
  // every port of every service gets the same handlers (the server keeps this very object).
  for (const [serviceName, service] of Object.entries(definitionsOf(server).services)) {
    const port = Object.fromEntries(
      Object.entries(implementation).map(([operation, handler]) => [
        operation,
        wrapHandler(operation, version, handler, log.child({ operation, soapVersion: version })),
      ]),
    );
    services[serviceName] = Object.fromEntries(
      Object.keys(service.ports).map((portName) => [portName, port]),
    );
  }
  return server;
}

function wrapHandler(operation: string, soapVersion: SoapVersion, handler: OperationHandler, log: Logger) {
  return async (input: unknown) => {
    try {
      return await handler(input ?? {}, { operation, soapVersion, log });
    } catch (error) {
      if (error instanceof SoapFault) throw packageFault(soapVersion, error);
      // The caller learns only that it failed; the log keeps what and why.
      log.error({ err: error }, `operation ${operation} failed`);
      throw packageFault(
        soapVersion,
        new SoapFault('InternalError', 'the service failed to answer', {}, 'Server'),
      );
    }
  };
}

const definitionsOf = (server: soap.Server) =>
  (server as unknown as { wsdl: { definitions: DefinitionsShape } }).wsdl.definitions;

function contractOperations(definitions: DefinitionsShape): GuardedOperation[] {
  const byName = new Map<string, GuardedOperation>();
  for (const binding of Object.values(definitions.bindings)) {
    for (const [name, method] of Object.entries(binding.methods)) {
      if (byName.has(name)) continue;
      byName.set(name, {
        name,
        soapAction: method.soapAction ?? '',
        inputNamespace: method.input?.targetNamespace ?? '',
        inputElement: method.input?.$name ?? name,
        inputShape: method.input?.description(definitions),
      });
    }
  }
  return [...byName.values()];
}
