import { type ContractModel, contractModel } from './contract-model.js';

const SCHEMA_LOCATION = /\bschemaLocation="([^"]+)"/g;

/**
 * The model of a served contract, read over HTTP: the WSDL at `wsdlUrl` and every schema it imports,
 * followed by their locations (serveSoap points them at `<endpoint>?xsd=…`). Bounded, so a contract
 * that imports without end cannot keep a caller fetching.
 */
export async function fetchContractModel(wsdlUrl: string, timeoutMs: number): Promise<ContractModel> {
  const read = async (url: string) => {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return response.text();
  };
  const wsdl = await read(wsdlUrl);
  const schemas = new Map<string, string>();
  const pending = locationsIn(wsdl, wsdlUrl);
  while (pending.length > 0) {
    const url = pending.shift()!;
    if (schemas.has(url)) continue;
    if (schemas.size >= 50) throw new Error(`the contract at ${wsdlUrl} imports more than 50 schemas`);
    const text = await read(url);
    schemas.set(url, text);
    pending.push(...locationsIn(text, url));
  }
  return contractModel(wsdl, schemas.values());
}

const locationsIn = (xml: string, base: string) =>
  [...xml.matchAll(SCHEMA_LOCATION)].map((match) => new URL(decodeXmlAttribute(match[1]!), base).href);

const decodeXmlAttribute = (value: string) => value.replace(/&amp;/g, '&');
