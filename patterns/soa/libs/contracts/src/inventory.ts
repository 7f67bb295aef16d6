import { fileURLToPath } from 'node:url';

/** The namespace of the canonical data model every contract imports. */
export const CANONICAL_NAMESPACE = 'urn:journey:conduit:canonical:v1';
/** Absolute path of the canonical data model's XML Schema. */
export const canonicalSchemaFile = fileURLToPath(new URL('../xsd/canonical-v1.xsd', import.meta.url));

export type ServiceName = 'identity' | 'publishing' | 'engagement';

/** One version of one service's contract, as the registry lists it and the bus looks it up. */
export interface Contract {
  /** The registry's key and the folder name of the service (`services/<service>`). */
  readonly service: ServiceName;
  /** The `wsdl:service` element's name. */
  readonly serviceName: string;
  readonly version: number;
  /** Absolute path of the WSDL 1.1 document. */
  readonly wsdlFile: string;
  /** Absolute path of the XML Schema of its messages (which imports the canonical one). */
  readonly schemaFile: string;
  /** The WSDL's own target namespace (port type, bindings, service). */
  readonly definitionsNamespace: string;
  /** The namespace of the message elements on the wire; compatible versions share it. */
  readonly messageNamespace: string;
  /** The `wsdl:port` names of the SOAP 1.1 and SOAP 1.2 bindings. */
  readonly ports: { readonly soap11: string; readonly soap12: string };
  /** Every operation, in the WSDL's order; each takes `<Op>` and answers `<Op>Response`. */
  readonly operations: readonly string[];
}

const wsdl = (name: string) => fileURLToPath(new URL(`../wsdl/${name}`, import.meta.url));
const xsd = (name: string) => fileURLToPath(new URL(`../xsd/${name}`, import.meta.url));

const identityOperations = [
  'Register',
  'Authenticate',
  'GetCurrentUser',
  'UpdateUser',
  'GetProfile',
] as const;
const publishingOperations = [
  'CreateArticle',
  'GetArticle',
  'ListArticles',
  'UpdateArticle',
  'DeleteArticle',
  'ListTags',
  'AddComment',
  'ListComments',
  'DeleteComment',
] as const;
const engagementOperations = ['Favorite', 'Unfavorite', 'Follow', 'Unfollow', 'Feed'] as const;

export type IdentityOperation = (typeof identityOperations)[number];
export type PublishingOperation = (typeof publishingOperations)[number];
export type EngagementOperation = (typeof engagementOperations)[number];

/**
 * Every contract of the enterprise, oldest version first. patterns/soa/test/contracts/wsdl-documents.test.ts checks
 * each entry against its WSDL, so this list cannot drift from the documents it describes.
 */
export const contracts: readonly Contract[] = [
  {
    service: 'identity',
    serviceName: 'IdentityService',
    version: 1,
    wsdlFile: wsdl('identity-v1.wsdl'),
    schemaFile: xsd('identity-v1.xsd'),
    definitionsNamespace: 'urn:journey:conduit:identity:v1',
    messageNamespace: 'urn:journey:conduit:identity:v1',
    ports: { soap11: 'IdentitySoap11', soap12: 'IdentitySoap12' },
    operations: identityOperations,
  },
  {
    service: 'publishing',
    serviceName: 'PublishingService',
    version: 1,
    wsdlFile: wsdl('publishing-v1.wsdl'),
    schemaFile: xsd('publishing-v1.xsd'),
    definitionsNamespace: 'urn:journey:conduit:publishing:v1',
    messageNamespace: 'urn:journey:conduit:publishing:v1',
    ports: { soap11: 'PublishingSoap11', soap12: 'PublishingSoap12' },
    operations: publishingOperations,
  },
  {
    service: 'engagement',
    serviceName: 'EngagementService',
    version: 1,
    wsdlFile: wsdl('engagement-v1.wsdl'),
    schemaFile: xsd('engagement-v1.xsd'),
    definitionsNamespace: 'urn:journey:conduit:engagement:v1',
    messageNamespace: 'urn:journey:conduit:engagement:v1',
    ports: { soap11: 'EngagementSoap11', soap12: 'EngagementSoap12' },
    operations: engagementOperations,
  },
  {
    // pattern: a compatible revision keeps the v1 message namespace, so v1 consumers keep working.
    service: 'engagement',
    serviceName: 'EngagementService',
    version: 2,
    wsdlFile: wsdl('engagement-v2.wsdl'),
    schemaFile: xsd('engagement-v2.xsd'),
    definitionsNamespace: 'urn:journey:conduit:engagement:v2',
    messageNamespace: 'urn:journey:conduit:engagement:v1',
    ports: { soap11: 'EngagementSoap11', soap12: 'EngagementSoap12' },
    operations: engagementOperations,
  },
];

/** The contract of `service` at `version`; throws naming the versions that exist. */
export function contractOf(service: ServiceName, version: number): Contract {
  const found = contracts.find((c) => c.service === service && c.version === version);
  if (found) return found;
  const known = contracts.filter((c) => c.service === service).map((c) => `v${c.version}`);
  throw new Error(
    `no contract ${service} v${version}: ${known.length > 0 ? `${service} has ${known.join(', ')}` : `unknown service; services are ${[...new Set(contracts.map((c) => c.service))].join(', ')}`}`,
  );
}

/** Absolute path of the WSDL of `service` at `version`, e.g. `contractFile('identity', 1)`. */
export const contractFile = (service: ServiceName, version: number): string =>
  contractOf(service, version).wsdlFile;

/** The newest version of a service's contract. */
export function latestContract(service: ServiceName): Contract {
  const versions = contracts.filter((c) => c.service === service);
  const latest = versions.reduce<Contract | undefined>(
    (best, c) => (best === undefined || c.version > best.version ? c : best),
    undefined,
  );
  if (!latest) throw new Error(`no contract for service ${service}`);
  return latest;
}

/**
 * The SOAPAction of an operation, the same in both bindings and kept by every compatible version:
 * the message namespace, a slash, the operation.
 */
export function soapActionOf(contract: Contract, operation: string): string {
  if (!contract.operations.includes(operation)) {
    throw new Error(
      `${contract.serviceName} v${contract.version} has no operation ${operation}; it has ${contract.operations.join(', ')}`,
    );
  }
  return `${contract.messageNamespace}/${operation}`;
}
