import { importsNothingFrom, type PatternRules } from '@journey/architecture-rules';

/**
 * The microservices pattern (patterns/microservices/README.md): services under `services/<name>/`,
 * each its own package and database; a gateway (`gateway/`) that composes them; shared plumbing in
 * `libs/`. Services meet only over HTTP. What a service publishes is its `src/api.ts` (wire schemas).
 */

const SERVICES = 'identity|profiles|articles|comments';
/** A service's or the gateway's code, reached by a relative path or through its package. */
const ANY_SERVICE = `^services/|(^|/)node_modules/@journey/microservices-(${SERVICES})/`;
const GATEWAY = '^gateway/|(^|/)node_modules/@journey/microservices-gateway/';
const PUBLISHED_API =
  '^services/[^/]+/src/api\\.ts$|(^|/)node_modules/@journey/microservices-[^/]+/src/api\\.ts$';

/** `services/articles/src/app.ts` → `articles`; a package path → its service. */
const serviceOf = (path: string) =>
  /^services\/([^/]+)\//.exec(path)?.[1] ?? /microservices-([a-z-]+)/.exec(path)?.[1] ?? path;

/** The group of the Conduit schema each service's database holds (ADR 0010). */
const SCHEMA_GROUP_OF = {
  identity: 'users',
  profiles: 'profiles',
  articles: 'articles',
  comments: 'comments',
};
const SCHEMA_GROUPS = '(^|/)node_modules/@journey/conduit-sql/src/(users|profiles|articles|comments)/';
const WHOLE_SCHEMA = '(^|/)node_modules/@journey/conduit-sql/src/conduit-schema\\.ts$';
/** Code that owns no data: the gateway and the shared libs. */
const NO_DATA = '^(gateway|libs)/';

const rules: PatternRules = {
  shape:
    'services that share no code or data and talk over HTTP, behind a gateway that composes their published APIs',
  rules: [
    {
      name: 'service-imports-no-other-service',
      comment:
        'A service that imports another service’s code is deployed with it: change one, redeploy both. ' +
        'Services call each other over HTTP and declare the few fields they read themselves.',
      forbidden: [
        {
          from: { path: '^services/([^/]+)/' },
          to: {
            path: `${ANY_SERVICE}|${GATEWAY}`,
            pathNot: ['^services/$1/', '(^|/)node_modules/@journey/microservices-$1/'],
          },
        },
      ],
      explain: ({ from, to }) =>
        `the ${serviceOf(from)} service (${from}) imports ${serviceOf(to)}'s code (${to}); ` +
        'call that service over HTTP through @journey/microservices-service-client instead',
    },
    {
      name: 'gateway-uses-only-published-apis',
      comment:
        'The gateway composes what services publish (their src/api.ts wire schemas). Importing a ' +
        'service’s internals would make the gateway break whenever a service refactors.',
      forbidden: [{ from: { path: '^gateway/' }, to: { path: ANY_SERVICE, pathNot: PUBLISHED_API } }],
      explain: ({ from, to }) =>
        `the gateway (${from}) imports ${to}, an internal of the ${serviceOf(to)} service; ` +
        'use what the service publishes in its src/api.ts',
    },
    {
      name: 'published-api-declares-only',
      comment:
        'A service’s src/api.ts is what others may import, so whatever it imports leaks to them: it holds ' +
        'schemas built from shared packages (@journey/contract, TypeBox) and nothing of the service.',
      forbidden: [
        {
          from: { path: '^services/[^/]+/src/api\\.ts$' },
          to: { dependencyTypesNot: ['npm', 'npm-dev', 'core', 'npm-no-pkg', 'npm-unknown'] },
        },
      ],
      explain: ({ from, to }) =>
        `${from}, the ${serviceOf(from)} service's published API, imports ${to}; ` +
        'keep src/api.ts to schemas, so importing it brings none of the service along',
    },
    {
      name: 'libs-know-no-service',
      comment:
        'libs/ is plumbing every process shares (database, server, resilient HTTP client). A lib that ' +
        'knows a service would couple every service to that one.',
      forbidden: [{ from: { path: '^libs/' }, to: { path: `${ANY_SERVICE}|${GATEWAY}` } }],
      explain: ({ from, to }) =>
        `${from} (shared lib) imports ${to}; libs must not know any service or the gateway`,
    },
    {
      name: 'service-owns-only-its-schema-group',
      comment:
        'A service’s database holds one group of the Conduit schema, the one the single-database patterns ' +
        'give the matching module (ADR 0010), and nobody else’s. A service importing another group, or the ' +
        'whole schema, would type queries against tables that live in another service’s database; the ' +
        'gateway and libs own no data, so they import no group at all.',
      forbidden: [
        ...Object.entries(SCHEMA_GROUP_OF).map(([service, group]) => ({
          from: { path: `^services/${service}/` },
          to: { path: SCHEMA_GROUPS, pathNot: `(^|/)node_modules/@journey/conduit-sql/src/${group}/` },
        })),
        { from: { path: '^services/' }, to: { path: WHOLE_SCHEMA } },
        { from: { path: NO_DATA }, to: { path: `${SCHEMA_GROUPS}|${WHOLE_SCHEMA}` } },
      ],
      explain: ({ from, to }) => {
        const group = SCHEMA_GROUP_OF[serviceOf(from) as keyof typeof SCHEMA_GROUP_OF];
        return group
          ? `the ${serviceOf(from)} service (${from}) imports tables it does not own from ${to}; ` +
              `its database holds only ${to}/${group}`
          : `${from} imports tables from ${to}, yet owns no group of the schema; ` +
              'ask the service that owns them, over HTTP or by its events';
      },
    },
    importsNothingFrom('event-driven', 'microservices'),
  ],
};

export default rules;
