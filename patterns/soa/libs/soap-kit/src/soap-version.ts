/** The two SOAP versions every contract binds; they differ in envelope namespace, media type and fault shape. */
export type SoapVersion = '1.1' | '1.2';

export const ENVELOPE_NAMESPACE: Record<SoapVersion, string> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};

export const MEDIA_TYPE: Record<SoapVersion, string> = {
  '1.1': 'text/xml',
  '1.2': 'application/soap+xml',
};

export interface RequestKind {
  version: SoapVersion;
  /** SOAP 1.2 carries the action as a media type parameter, SOAP 1.1 in the SOAPAction header. */
  action: string | undefined;
}

/**
 * The SOAP version a request speaks, from its media type (SOAP 1.1 §6.1.1, SOAP 1.2 Part 2 §7.1.4);
 * undefined for anything else, which is then answered with a SOAP 1.1 fault.
 */
export function requestKind(
  contentType: string | undefined,
  soapActionHeader: string | undefined,
): RequestKind | undefined {
  if (!contentType) return undefined;
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim());
  const type = mediaType.toLowerCase();
  if (type === MEDIA_TYPE['1.1']) {
    return { version: '1.1', action: soapActionHeader === undefined ? undefined : unquote(soapActionHeader) };
  }
  if (type === MEDIA_TYPE['1.2']) {
    const action = parameters.find((parameter) => parameter.toLowerCase().startsWith('action='));
    return {
      version: '1.2',
      action: action === undefined ? undefined : unquote(action.slice('action='.length)),
    };
  }
  return undefined;
}

const unquote = (value: string) => value.trim().replace(/^"(.*)"$/, '$1');
