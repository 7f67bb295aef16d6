import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A contract as the kit serves it: the WSDL and every schema it imports, read once at start-up. The
 * files name each other by relative paths; served, those become `<endpoint>?xsd=<path>` and the port
 * addresses become the endpoint, so a client built from `<endpoint>?wsdl` finds everything on the wire.
 */
export interface WsdlDocuments {
  wsdlFile: string;
  wsdl: string;
  /** Imported schemas by the relative path the WSDL (or another schema) names them with. */
  schemas: ReadonlyMap<string, string>;
}

// Hand-written contracts only: schemas pulled in by xsd:import/include with a double-quoted relative
// schemaLocation (a wsdl:import of another WSDL is not supported), which is how ours are written.
const IMPORT_LOCATION = /\bschemaLocation="([^"]+)"/g;
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
const PORT_ADDRESS = /(<(?:[\w.-]+:)?address\s+location=")[^"]*(")/g;

export async function loadWsdlDocuments(wsdlFile: string): Promise<WsdlDocuments> {
  const wsdl = await readFile(wsdlFile, 'utf8').catch((error: Error) => {
    throw new Error(`cannot read the WSDL ${wsdlFile}: ${error.message}`);
  });
  const schemas = new Map<string, string>();
  const root = path.dirname(wsdlFile);
  const pending = importedLocations(wsdl);
  while (pending.length > 0) {
    const location = pending.shift()!;
    if (schemas.has(location)) continue;
    const file = path.resolve(root, location);
    const text = await readFile(file, 'utf8').catch((error: Error) => {
      throw new Error(`cannot read ${location}, imported by the contract ${wsdlFile}: ${error.message}`);
    });
    schemas.set(location, text);
    // Nested imports are resolved from the contract's folder: ours all sit beside their WSDL.
    pending.push(...importedLocations(text));
  }
  return { wsdlFile, wsdl, schemas };
}

/** The WSDL as served from `endpoint`: real port addresses, imports pointing back at this endpoint. */
export function servedWsdl(documents: WsdlDocuments, endpoint: string): string {
  return pointImportsAt(documents.wsdl, endpoint).replace(PORT_ADDRESS, `$1${endpoint}$2`);
}

export function servedSchema(
  documents: WsdlDocuments,
  location: string,
  endpoint: string,
): string | undefined {
  const schema = documents.schemas.get(location);
  return schema === undefined ? undefined : pointImportsAt(schema, endpoint);
}

function importedLocations(xml: string): string[] {
  return [...xml.matchAll(IMPORT_LOCATION)]
    .map((match) => match[1]!)
    .filter((location) => !ABSOLUTE.test(location));
}

function pointImportsAt(xml: string, endpoint: string): string {
  return xml.replace(IMPORT_LOCATION, (whole, location: string) =>
    ABSOLUTE.test(location) ? whole : `schemaLocation="${endpoint}?xsd=${encodeURIComponent(location)}"`,
  );
}
