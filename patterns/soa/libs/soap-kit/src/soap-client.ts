import soap from 'soap';
import type { OperationElements } from './contract-model.js';
import { readEnvelope } from './envelope-reader.js';
import { fetchContractModel } from './served-contract.js';
import type { SoapVersion } from './soap-version.js';
import { decodeValue, encodeElement } from './value-codec.js';

/**
 * A SOAP fault the service answered, with the code the service threw (`soapFault('NOT_FOUND', …)`).
 * `declared`: the detail is the operation's declared fault element, read by the schema (for the Conduit
 * contracts a `ServiceFault`, which the bus maps with `httpStatusOfFault(detail.code)`). Not declared:
 * the kit refused the envelope (code = the guard's rule, flat detail) or the service failed
 * (`InternalError`, side Server); the contracts call these BAD_REQUEST and INTERNAL.
 */
export class SoapFaultError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: Readonly<Record<string, unknown>>,
    /** `Client`/`Sender`: the request was wrong; `Server`/`Receiver`: the service failed. */
    readonly side: 'Client' | 'Server',
    readonly status: number | undefined,
    readonly declared = false,
  ) {
    super(message);
    this.name = 'SoapFaultError';
  }
}

/** No fault came back: the service was unreachable, too slow, or answered something that is not SOAP. */
export class SoapCallError extends Error {
  constructor(
    readonly operation: string,
    readonly reason: 'timeout' | 'unreachable' | 'not-soap',
    message: string,
  ) {
    super(message);
    this.name = 'SoapCallError';
  }
}

export interface SoapClientOptions {
  /** For fetching the WSDL and for each call, end to end. */
  timeoutMs: number;
  soapVersion?: SoapVersion;
  /** Call this address instead of the one the WSDL names (e.g. the endpoint a registry returned). */
  endpoint?: string;
}

export interface SoapCallOptions {
  /**
   * SOAP headers by global element name, written by the schema like the input:
   * `{ CallContext: { viewerId: 7 } }`.
   */
  headers?: Record<string, object>;
  /** HTTP headers of this call's request only, e.g. W3C `traceparent` so a trace continues in the service. */
  httpHeaders?: Readonly<Record<string, string>>;
  /** This call's budget instead of the client's (a slow-by-design operation such as password hashing). */
  timeoutMs?: number;
  /**
   * Called once per call, answered or not, with the envelopes as sent and received (undefined when
   * there was none): for message logs and size metrics.
   */
  onMessages?: (messages: SoapMessages) => void;
}

/** The XML of one exchange, as it crossed the wire. */
export interface SoapMessages {
  request: string | undefined;
  response: string | undefined;
}

export interface SoapClient {
  soapVersion: SoapVersion;
  /**
   * Sends the input as the operation's input element, written by the XSD (every element in its schema's
   * namespace, `null` as xsi:nil where nillable); answers the output element's content converted by the
   * XSD (numbers, booleans, ISO dates, arrays, null). A fault throws SoapFaultError.
   */
  call<Output = unknown>(operation: string, input: object, options?: SoapCallOptions): Promise<Output>;
}

/**
 * A client built from the contract at run time (`soap.createClientAsync`): the WSDL is fetched from
 * `wsdlUrl`, so a caller needs no generated code, only the operation names and message shapes.
 */
export async function soapClient(wsdlUrl: string, options: SoapClientOptions): Promise<SoapClient> {
  const soapVersion = options.soapVersion ?? '1.1';
  const model = await fetchContractModel(wsdlUrl, options.timeoutMs).catch((error: Error) => {
    throw new SoapCallError(
      '(wsdl)',
      'unreachable',
      `cannot read the contract at ${wsdlUrl}: ${error.message}`,
    );
  });
  const client = await soap
    .createClientAsync(wsdlUrl, {
      forceSoap12Headers: soapVersion === '1.2',
      handleNilAsNull: true,
      // A restarted service may serve another contract at the same URL: read it every time.
      disableCache: true,
      wsdl_options: { timeout: options.timeoutMs },
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    })
    .catch((error: Error) => {
      throw new SoapCallError(
        '(wsdl)',
        reasonOf(error),
        `cannot read the contract at ${wsdlUrl}: ${error.message}`,
      );
    });
  const methods = client as unknown as Record<string, soap.SoapMethod | undefined>;
  return {
    soapVersion,
    call<Output>(operation: string, input: object, callOptions: SoapCallOptions = {}) {
      const method = methods[operation];
      const elements = model.operation(operation);
      if (typeof method !== 'function' || !elements) {
        return Promise.reject(new Error(`the contract at ${wsdlUrl} has no operation ${operation}`));
      }
      return new Promise<Output>((resolve, reject) => {
        // The package builds the envelope synchronously inside method(): the headers set here are this
        // call's, even with other calls of the same client in flight.
        client.clearSoapHeaders();
        for (const [name, value] of Object.entries(callOptions.headers ?? {})) {
          const declared = model.schema.elementsNamed(name);
          if (declared.length !== 1) {
            throw new Error(`the contract at ${wsdlUrl} declares no single header element ${name}`);
          }
          client.addSoapHeader(encodeElement(declared[0]!, value));
        }
        method(
          { _xml: encodeElement(elements.input, input) },
          (error: unknown, result: unknown, rawResponse: unknown, _header: unknown, rawRequest: unknown) => {
            callOptions.onMessages?.({
              request: typeof rawRequest === 'string' ? rawRequest : undefined,
              response: typeof rawResponse === 'string' ? rawResponse : answeredBody(error),
            });
            if (error) return reject(failureOf(operation, error, elements));
            try {
              // Read by the kit, which tells an empty element from an xsi:nil one (envelope-reader.ts).
              const read =
                typeof rawResponse === 'string' ? readEnvelope(rawResponse, model.schema) : undefined;
              resolve((read?.body ?? decodeValue(elements.output.type, result ?? {})) as Output);
            } catch (cause) {
              reject(
                new SoapCallError(operation, 'not-soap', `${operation}: unreadable answer: ${String(cause)}`),
              );
            }
          },
          { timeout: callOptions.timeoutMs ?? options.timeoutMs },
          callOptions.httpHeaders,
        );
      });
    },
  };
}

interface CallFailure {
  message?: string;
  code?: string;
  response?: { status?: number; data?: unknown };
  root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
}

function failureOf(operation: string, error: unknown, elements: OperationElements): Error {
  const failure = error as CallFailure;
  const fault = failure.root?.Envelope?.Body?.Fault;
  if (fault) return faultError(fault, failure.response?.status, elements);
  const message = `${operation}: ${failure.message ?? String(error)}`;
  return new SoapCallError(operation, reasonOf(failure), message);
}

/** A fault's envelope: the package hands it over on the failed HTTP answer, not as the raw response. */
const answeredBody = (error: unknown): string | undefined => {
  const data = (error as CallFailure | null)?.response?.data;
  return typeof data === 'string' ? data : undefined;
};

const reasonOf = (failure: CallFailure) =>
  failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT'
    ? 'timeout'
    : failure.response
      ? 'not-soap'
      : 'unreachable';

/** Reads both fault shapes: SOAP 1.1 `soap:Client.NotFound`, SOAP 1.2 `soap:Sender` with subcode `NotFound`. */
function faultError(
  fault: Record<string, unknown>,
  status: number | undefined,
  elements: OperationElements,
): SoapFaultError {
  if ('faultcode' in fault) {
    const faultcode = text(fault.faultcode);
    const [side = '', ...code] = faultcode.replace(/^[^:]*:/, '').split('.');
    const declared = declaredDetail(fault.detail, elements);
    return new SoapFaultError(
      code.join('.') || side,
      text(fault.faultstring),
      declared ?? detailOf(fault.detail),
      side === 'Server' ? 'Server' : 'Client',
      status,
      declared !== undefined,
    );
  }
  const codeElement = fault.Code as { Value?: unknown; Subcode?: { Value?: unknown } } | undefined;
  const value = text(codeElement?.Value).replace(/^[^:]*:/, '');
  const subcode = text(codeElement?.Subcode?.Value).replace(/^[^:]*:/, '');
  const reason = (fault.Reason as { Text?: unknown } | undefined)?.Text;
  const declared = declaredDetail(fault.Detail, elements);
  return new SoapFaultError(
    subcode || value,
    text(reason),
    declared ?? detailOf(fault.Detail),
    value === 'Receiver' ? 'Server' : 'Client',
    status,
    declared !== undefined,
  );
}

/** The detail's declared fault element (by its name: the package drops namespaces), read by the schema. */
function declaredDetail(
  detail: unknown,
  elements: OperationElements,
): Readonly<Record<string, unknown>> | undefined {
  if (!detail || typeof detail !== 'object') return undefined;
  const fields = detail as Record<string, unknown>;
  const element = elements.faults.find((fault) => fields[fault.name] !== undefined);
  return element ? (decodeValue(element.type, fields[element.name]) as Record<string, unknown>) : undefined;
}

/** An element the package parsed with an attribute (`xml:lang`) comes back as `{ attributes, $value }`. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && '$value' in value) return String((value as { $value: unknown }).$value);
  return String(value);
}

function detailOf(detail: unknown): Record<string, string> {
  if (!detail || typeof detail !== 'object') return {};
  return Object.fromEntries(
    Object.entries(detail)
      .filter(([name]) => name !== 'attributes')
      .map(([name, value]) => [name, text(value)]),
  );
}
