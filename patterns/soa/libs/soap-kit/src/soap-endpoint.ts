import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@journey/platform';
import { admitEnvelope, readWholeBody } from './guarded-intake.js';
import { createSoapEngine, type SoapEngine, type SoapImplementation } from './soap-engine.js';
import { faultContentType, faultEnvelope, faultStatus, SoapFault } from './soap-fault.js';
import { MEDIA_TYPE, type RequestKind, requestKind, type SoapVersion } from './soap-version.js';
import { loadWsdlDocuments, servedSchema, servedWsdl, type WsdlDocuments } from './wsdl-documents.js';
import { DEFAULT_XML_LIMITS, type GuardRule, type XmlLimits, XmlRefused } from './xml-guard.js';

export interface SoapEndpointOptions {
  /** The contract: a WSDL 1.1 file, with its imported schemas beside it. */
  wsdlFile: string;
  implementation: SoapImplementation;
  /** Where the service answers, e.g. `/soap/identity/v1`; its WSDL is at `<path>?wsdl`. */
  path: string;
  logger: Logger;
  limits?: Partial<XmlLimits>;
  /**
   * Switches the guard off: the whole body is read and handed to the `soap` package as it is. Exists only
   * so a test can show what the guard prevents; never set it in a service.
   */
  unsafeAcceptAnyXml?: boolean;
}

/**
 * One contract, served on an HTTP server someone else runs (serveSoap's own, or a service host's):
 * `GET <path>?wsdl`, its schemas at `GET <path>?xsd=<file>`, operations by `POST <path>`.
 */
export interface SoapEndpoint {
  path: string;
  /** The guard's limits; the server's own timeouts should sit a little above `bodyTimeoutMs`. */
  limits: XmlLimits;
  /**
   * Tells the endpoint the origin (`http://host:port`) its server listens on, once it does; the served
   * WSDL names `<origin><path>` as the address of every port. Returns that URL.
   */
  listeningAt(origin: string): string;
  /**
   * Answers one request for `path`, reading its body itself (unread until then: the guard must see the
   * first byte). Never rejects: a failure is logged and answered as a SOAP fault.
   */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

/**
 * Status codes: a fault follows its SOAP version's HTTP binding (faultStatus), except that a body over
 * the size limit is 413 and a media type or content encoding the kit does not take is 415: HTTP's own
 * answers for a body refused unread.
 */
const HTTP_STATUS_OF_RULE: Partial<Record<GuardRule, number>> = {
  BodyTooLarge: 413,
  UnsupportedMediaType: 415,
};

/**
 * Reads the contract and builds its engine (refusing an implementation that does not match the WSDL's
 * operations). Every POST passes the XML guard (xml-guard.ts) before the `soap` package parses it; a
 * refusal is a SOAP fault of the request's version whose code names the rule.
 */
export async function createSoapEndpoint(options: SoapEndpointOptions): Promise<SoapEndpoint> {
  const limits = { ...DEFAULT_XML_LIMITS, ...options.limits };
  const log = options.logger;
  const documents = await loadWsdlDocuments(options.wsdlFile);
  const engine = await createSoapEngine(documents, options.implementation, log);
  if (options.unsafeAcceptAnyXml)
    log.warn({ wsdlFile: options.wsdlFile }, 'the XML guard is OFF: any XML is accepted');
  let url = '';

  const answerRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const target = new URL(request.url ?? '/', 'http://localhost');
    if (target.pathname !== options.path)
      return plain(response, 404, `no SOAP service at ${target.pathname}`);
    if (request.method === 'GET') return serveContract(response, target, documents, url);
    if (request.method !== 'POST') return plain(response, 405, 'POST a SOAP envelope, or GET ?wsdl');
    const kind = requestKind(request.headers['content-type'], header(request, 'soapaction'));
    if (!kind) {
      return refuse(
        response,
        '1.1',
        new XmlRefused(
          'UnsupportedMediaType',
          `send ${MEDIA_TYPE['1.1']} (SOAP 1.1) or ${MEDIA_TYPE['1.2']} (SOAP 1.2)`,
        ),
        415,
      );
    }
    if (options.unsafeAcceptAnyXml)
      return answer(response, engine, kind, await readWholeBody(request), kind.action ?? '');
    try {
      const admitted = await admitEnvelope(request, kind, engine.contract, limits);
      return answer(response, engine, kind, admitted.xml, admitted.operation.soapAction);
    } catch (error) {
      if (!(error instanceof XmlRefused)) throw error;
      log.warn(
        { rule: error.rule, reason: error.message, soapVersion: kind.version },
        'SOAP request refused',
      );
      return refuse(response, kind.version, error, HTTP_STATUS_OF_RULE[error.rule], limits.bodyTimeoutMs);
    }
  };

  return {
    path: options.path,
    limits,
    listeningAt(origin) {
      url = `${origin}${options.path}`;
      return url;
    },
    handle: (request, response) =>
      answerRequest(request, response).catch((error: unknown) => {
        log.error({ err: error, method: request.method, url: request.url }, 'SOAP request failed in the kit');
        if (!response.headersSent) {
          refuse(
            response,
            '1.1',
            new SoapFault('InternalError', 'the service failed to answer', {}, 'Server'),
          );
        } else response.destroy();
      }),
  };
}

async function answer(
  response: ServerResponse,
  engine: SoapEngine,
  kind: RequestKind,
  xml: string,
  soapAction: string,
) {
  const { status, body } = await engine.answer(kind.version, xml, soapAction);
  response.writeHead(status, { 'content-type': `${MEDIA_TYPE[kind.version]}; charset=utf-8` });
  response.end(body);
}

function serveContract(response: ServerResponse, target: URL, documents: WsdlDocuments, url: string) {
  const query = target.search.toLowerCase();
  if (query === '?wsdl') return xml(response, servedWsdl(documents, url));
  const schema = target.searchParams.get('xsd');
  const text = schema === null ? undefined : servedSchema(documents, schema, url);
  if (text === undefined) return plain(response, 404, 'GET ?wsdl, or ?xsd=<a schema the WSDL imports>');
  return xml(response, text);
}

/** How much of a refused body is read on and thrown away, so that its sender gets to read the fault. */
const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * A refusal may come before the whole body was read. Closing at once would reset a client still sending,
 * which then never reads the fault; so the rest is read and thrown away (never kept), up to DRAIN_BYTES
 * or `drainMs`, and only a body beyond that (an attack, not a mistake) has its connection cut.
 */
function refuse(
  response: ServerResponse,
  version: SoapVersion,
  fault: SoapFault,
  status = faultStatus(version, fault.side),
  drainMs = DEFAULT_XML_LIMITS.bodyTimeoutMs,
) {
  const request = response.req;
  if (!request.complete) {
    let discarded = 0;
    const cut = () => request.socket.destroy();
    const timer = setTimeout(cut, drainMs);
    request.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DRAIN_BYTES) cut();
    });
    request.once('close', () => clearTimeout(timer));
    request.resume();
  }
  response.writeHead(status, { 'content-type': faultContentType(version) });
  response.end(faultEnvelope(version, fault));
}

const xml = (response: ServerResponse, text: string) => {
  response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  response.end(text);
};

const plain = (response: ServerResponse, status: number, text: string) => {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(text);
};

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
