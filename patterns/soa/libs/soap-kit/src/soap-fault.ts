import type { ElementDecl } from './schema-model.js';
import { ENVELOPE_NAMESPACE, MEDIA_TYPE, type SoapVersion } from './soap-version.js';
import { encodeElement } from './value-codec.js';

/** Whose fault it is: the caller's (SOAP 1.1 `Client`, 1.2 `Sender`) or the service's (`Server`, `Receiver`). */
export type FaultSide = 'Client' | 'Server';

/**
 * A fault's detail. When the operation declares a `wsdl:fault`, it is that fault element's content
 * (for the Conduit contracts, `c:ServiceFault`: `{ code, errors: { field: [{ name, message: [] }] } }`),
 * written and read by the XSD like any message. Otherwise flat values, written as text: the shape of the
 * kit's own refusals (the guard's, an unexpected failure), which the contracts do not declare.
 */
export type FaultDetail = object;

/**
 * What a handler throws to answer with a SOAP fault: `code` is the service's own name for the problem
 * (`NOT_FOUND`, `VALIDATION_FAILED`), carried as SOAP 1.1 `soap:Client.NOT_FOUND` or as the SOAP 1.2
 * subcode, so the caller (see soapClient) gets it back as `SoapFaultError.code`.
 */
export class SoapFault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail: FaultDetail = {},
    readonly side: FaultSide = 'Client',
  ) {
    super(message);
    this.name = 'SoapFault';
  }
}

export const soapFault = (code: string, message: string, detail?: FaultDetail, side: FaultSide = 'Client') =>
  new SoapFault(code, message, detail, side);

/**
 * HTTP status of a fault: SOAP 1.1 answers every fault with 500 (WS-I Basic Profile R1126); SOAP 1.2
 * answers the sender's faults with 400 and the receiver's with 500 (SOAP 1.2 Part 2, table 20).
 */
export const faultStatus = (version: SoapVersion, side: FaultSide) =>
  version === '1.2' && side === 'Client' ? 400 : 500;

/**
 * The fault in the object shape the `soap` package serialises when a handler rejects with `{ Fault }`.
 * With one declared fault element and a detail, the detail is written as that element, by the schema;
 * an operation declaring several would need the handler to say which, which the kit does not support.
 */
export function packageFault(version: SoapVersion, fault: SoapFault, declared: readonly ElementDecl[] = []) {
  const status = faultStatus(version, fault.side);
  const detail =
    declared.length === 1 && Object.keys(fault.detail).length > 0
      ? { $xml: encodeElement(declared[0]!, fault.detail) }
      : fault.detail;
  if (version === '1.1') {
    return {
      Fault: {
        faultcode: `soap:${fault.side}.${fault.code}`,
        faultstring: fault.message,
        detail,
        statusCode: status,
      },
    };
  }
  return {
    Fault: {
      Code: {
        Value: `soap:${fault.side === 'Client' ? 'Sender' : 'Receiver'}`,
        Subcode: { Value: fault.code },
      },
      Reason: { Text: fault.message },
      Detail: detail,
      statusCode: status,
    },
  };
}

/**
 * A whole fault envelope, written by the kit itself for the requests it refuses before the `soap` package
 * sees them: the same shape as the package's faults, so a caller cannot tell who answered.
 */
export function faultEnvelope(version: SoapVersion, fault: SoapFault): string {
  const detail = Object.entries(fault.detail)
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join('');
  const body =
    version === '1.1'
      ? `<soap:Fault><faultcode>soap:${fault.side}.${fault.code}</faultcode>` +
        `<faultstring>${escapeXml(fault.message)}</faultstring><detail>${detail}</detail></soap:Fault>`
      : `<soap:Fault><soap:Code><soap:Value>soap:${fault.side === 'Client' ? 'Sender' : 'Receiver'}</soap:Value>` +
        `<soap:Subcode><soap:Value>${fault.code}</soap:Value></soap:Subcode></soap:Code>` +
        `<soap:Reason><soap:Text xml:lang="en">${escapeXml(fault.message)}</soap:Text></soap:Reason>` +
        `<soap:Detail>${detail}</soap:Detail></soap:Fault>`;
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${ENVELOPE_NAMESPACE[version]}"><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

export const faultContentType = (version: SoapVersion) => `${MEDIA_TYPE[version]}; charset=utf-8`;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);
