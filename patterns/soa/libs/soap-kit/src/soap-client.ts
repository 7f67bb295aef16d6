import soap from 'soap';
import type { FaultDetail } from './soap-fault.js';
import type { SoapVersion } from './soap-version.js';

/** A SOAP fault the service answered, with the code the service threw (`soapFault('NotFound', …)`). */
export class SoapFaultError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: FaultDetail,
    /** `Client`/`Sender`: the request was wrong; `Server`/`Receiver`: the service failed. */
    readonly side: 'Client' | 'Server',
    readonly status: number | undefined,
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

export interface SoapClient {
  soapVersion: SoapVersion;
  /** The output element's content, parsed against the WSDL; a fault throws SoapFaultError. */
  call<Output = unknown>(operation: string, input: object): Promise<Output>;
}

/**
 * A client built from the contract at run time (`soap.createClientAsync`): the WSDL is fetched from
 * `wsdlUrl`, so a caller needs no generated code, only the operation names and message shapes.
 */
export async function soapClient(wsdlUrl: string, options: SoapClientOptions): Promise<SoapClient> {
  const soapVersion = options.soapVersion ?? '1.1';
  const client = await soap
    .createClientAsync(wsdlUrl, {
      forceSoap12Headers: soapVersion === '1.2',
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
    call<Output>(operation: string, input: object) {
      const method = methods[operation];
      if (typeof method !== 'function') {
        return Promise.reject(new Error(`the contract at ${wsdlUrl} has no operation ${operation}`));
      }
      return new Promise<Output>((resolve, reject) => {
        method(
          input,
          (error: unknown, result: unknown) =>
            error ? reject(failureOf(operation, error)) : resolve(result as Output),
          { timeout: options.timeoutMs },
        );
      });
    },
  };
}

interface CallFailure {
  message?: string;
  code?: string;
  response?: { status?: number };
  root?: { Envelope?: { Body?: { Fault?: Record<string, unknown> } } };
}

function failureOf(operation: string, error: unknown): Error {
  const failure = error as CallFailure;
  const fault = failure.root?.Envelope?.Body?.Fault;
  if (fault) return faultError(fault, failure.response?.status);
  const message = `${operation}: ${failure.message ?? String(error)}`;
  return new SoapCallError(operation, reasonOf(failure), message);
}

const reasonOf = (failure: CallFailure) =>
  failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT'
    ? 'timeout'
    : failure.response
      ? 'not-soap'
      : 'unreachable';

/** Reads both fault shapes: SOAP 1.1 `soap:Client.NotFound`, SOAP 1.2 `soap:Sender` with subcode `NotFound`. */
function faultError(fault: Record<string, unknown>, status: number | undefined): SoapFaultError {
  if ('faultcode' in fault) {
    const faultcode = text(fault.faultcode);
    const [side = '', ...code] = faultcode.replace(/^[^:]*:/, '').split('.');
    return new SoapFaultError(
      code.join('.') || side,
      text(fault.faultstring),
      detailOf(fault.detail),
      side === 'Server' ? 'Server' : 'Client',
      status,
    );
  }
  const codeElement = fault.Code as { Value?: unknown; Subcode?: { Value?: unknown } } | undefined;
  const value = text(codeElement?.Value).replace(/^[^:]*:/, '');
  const subcode = text(codeElement?.Subcode?.Value).replace(/^[^:]*:/, '');
  const reason = (fault.Reason as { Text?: unknown } | undefined)?.Text;
  return new SoapFaultError(
    subcode || value,
    text(reason),
    detailOf(fault.Detail),
    value === 'Receiver' ? 'Server' : 'Client',
    status,
  );
}

/** An element the package parsed with an attribute (`xml:lang`) comes back as `{ attributes, $value }`. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object' && '$value' in value) return String((value as { $value: unknown }).$value);
  return String(value);
}

function detailOf(detail: unknown): FaultDetail {
  if (!detail || typeof detail !== 'object') return {};
  return Object.fromEntries(
    Object.entries(detail)
      .filter(([name]) => name !== 'attributes')
      .map(([name, value]) => [name, text(value)]),
  );
}
