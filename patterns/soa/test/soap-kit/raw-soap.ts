/** Raw HTTP for the guard's tests: the kit's own client would never send what these tests send. */

export const ENV11 = 'http://schemas.xmlsoap.org/soap/envelope/';
export const ENV12 = 'http://www.w3.org/2003/05/soap-envelope';
export const ADD_ACTION = 'urn:journey:test:calculator/Add';

export const envelope = (namespace: string, body: string) =>
  `<s:Envelope xmlns:s="${namespace}" xmlns:c="urn:journey:test:calculator"><s:Body>${body}</s:Body></s:Envelope>`;

export const addBody = (a = '1', b = '2') => `<c:AddRequest><c:a>${a}</c:a><c:b>${b}</c:b></c:AddRequest>`;

/** `null`: no SOAPAction header at all. */
export const soap11Headers = (action: string | null = ADD_ACTION): Record<string, string> => ({
  'content-type': 'text/xml; charset=utf-8',
  ...(action === null ? {} : { soapaction: `"${action}"` }),
});

export const soap12Headers = (action?: string): Record<string, string> => ({
  'content-type': `application/soap+xml; charset=utf-8${action ? `; action="${action}"` : ''}`,
});

export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

export async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  signal?: AbortSignal,
): Promise<RawAnswer> {
  const response = await fetch(url, { method: 'POST', headers, body, signal });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

/** The fault code an answer carries (SOAP 1.1 `soap:Client.Rule`, SOAP 1.2 the subcode), or undefined. */
export function faultCode(body: string): string | undefined {
  const v11 = /<faultcode>[^<:]*:(?:Client|Server)\.([^<]+)<\/faultcode>/.exec(body);
  if (v11) return v11[1];
  const v12 = /<[\w-]+:Subcode><[\w-]+:Value>([^<]+)<\/[\w-]+:Value>/.exec(body);
  return v12?.[1];
}

/** A well-formed SOAP fault of either version: what every refused request must get. */
export const isSoapFault = (body: string) =>
  /^(<\?xml[^>]*\?>)?<(\w+):Envelope xmlns:\2="(http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/|http:\/\/www\.w3\.org\/2003\/05\/soap-envelope)"[^>]*>.*<\2:Body><\2:Fault>.*<\/\2:Fault><\/\2:Body><\/\2:Envelope>$/s.test(
    body,
  );
