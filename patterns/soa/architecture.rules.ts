import { importsNothingFrom, type PatternRules } from '@journey/architecture-rules';

/**
 * The SOA pattern (ADR 13): three enterprise services under `services/<name>/`, each its own package
 * and process, reached only over SOAP through the mediation bus (`bus/`), which finds them in the
 * registry (`registry/`). What they share is deliberate and small: the contracts (WSDL and the
 * canonical model), the SOAP kit, the service host and the enterprise data layer, all under `libs/`.
 */

const SERVICES = 'identity|publishing|engagement';
/**
 * A package import as dependency-cruiser reports it: resolved into the workspace's `node_modules`
 * (symlinks kept), or by its bare name when it does not resolve (a service whose code is not there yet).
 */
const soaPackage = (names: string) =>
  `(^|/)node_modules/@journey/soa-(${names})(/|$)|^@journey/soa-(${names})(/|$)`;
/** Any code of a service: its folder reached by a relative path, or its package. */
const ANY_SERVICE = `^services/|${soaPackage(SERVICES)}`;
/** What every service may share with the others (the bus and the registry are not among them). */
const SANCTIONED_LIBS = 'contracts|soap-kit|service-host|enterprise-data';
/** What holds or reaches the enterprise database. */
const DATA_ACCESS = [
  soaPackage('enterprise-data'),
  '^libs/enterprise-data/',
  '(^|/)node_modules/(@journey/conduit-sql|kysely|better-sqlite3|pg)(/|$)',
  '^(@journey/conduit-sql|kysely|better-sqlite3|pg)(/|$)',
].join('|');

/** `services/publishing/src/x.ts` → `publishing`; a package path → its service. */
const serviceOf = (path: string) =>
  /^services\/([^/]+)\//.exec(path)?.[1] ?? /soa-([a-z-]+)/.exec(path)?.[1] ?? path;

/** `bus/src/x.ts` → `the bus`, `libs/soap-kit/…` → `the soap-kit lib`: who broke the rule, in words. */
const partOf = (path: string) => {
  const [top, name] = path.split('/');
  if (top === 'libs') return `the ${name} lib`;
  return `the ${top}`;
};

const rules: PatternRules = {
  shape:
    'coarse enterprise services reached only over SOAP through a mediation bus that finds them in a registry, sharing only contracts, the SOAP kit, the service host and the enterprise data layer',
  rules: [
    {
      name: 'consumers-reach-services-through-the-bus',
      comment:
        'A consumer that imports a service runs its code in its own process: it skips the contract, the ' +
        'registry and the bus’s policies, and has to be redeployed with every release of that service. ' +
        'The bus too talks to services only over SOAP, through the WSDL their contract publishes.',
      forbidden: [{ from: { path: '^(bus|registry|libs)/' }, to: { path: ANY_SERVICE } }],
      explain: ({ from, to }) =>
        `${partOf(from)} (${from}) imports the ${serviceOf(to)} service's code (${to}); ` +
        'reach it only over SOAP: a consumer through the bus, the bus with a soapClient built from the WSDL the registry names',
    },
    {
      name: 'service-imports-no-other-service',
      comment:
        'Each enterprise service is its own deployable capability with its own contract. One that imports ' +
        'another ships with it, and the contract between them stops being the only thing they agree on.',
      forbidden: [
        {
          from: { path: '^services/([^/]+)/' },
          to: {
            path: ANY_SERVICE,
            pathNot: ['^services/$1/', '(^|/)node_modules/@journey/soa-$1(/|$)', '^@journey/soa-$1(/|$)'],
          },
        },
      ],
      explain: ({ from, to }) =>
        `the ${serviceOf(from)} service (${from}) imports ${serviceOf(to)}'s code (${to}); ` +
        'services share the canonical model (@journey/soa-contracts) and the enterprise data layer, never each other',
    },
    {
      name: 'services-share-only-sanctioned-libs',
      comment:
        'What services share is what a real SOA governs centrally: the contracts with the canonical model, ' +
        'the SOAP kit, the service host and the enterprise data layer. A service that imports the bus or ' +
        'the registry, or reaches into a lib past its package, couples itself to the mediation layer.',
      forbidden: [
        {
          from: { path: '^services/' },
          to: {
            path: `${soaPackage('[a-z-]+')}|^(bus|registry|libs)/`,
            pathNot: [soaPackage(SANCTIONED_LIBS), soaPackage(SERVICES)],
          },
        },
      ],
      explain: ({ from, to }) =>
        `the ${serviceOf(from)} service (${from}) imports ${to}; a service may share only ` +
        '@journey/soa-contracts, -soap-kit, -service-host and -enterprise-data (through their packages)',
    },
    {
      name: 'bus-owns-no-data',
      comment:
        'The bus routes, transforms and orchestrates; the enterprise data belongs to the services that ' +
        'offer it through their contracts. A bus that reads the database itself is where business logic ' +
        'quietly accumulates, the ESB failure the README warns about.',
      forbidden: [{ from: { path: '^bus/' }, to: { path: DATA_ACCESS } }],
      explain: ({ from, to }) =>
        `the bus (${from}) imports ${to}, which reaches the enterprise database; ` +
        'ask the service that owns the data through its contract instead',
    },
    importsNothingFrom('microservices', 'soa'),
  ],
};

export default rules;
