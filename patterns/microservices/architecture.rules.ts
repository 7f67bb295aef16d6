import {
  importsNothingFrom,
  type PatternRules,
  serviceOwnsOnlyItsSchemaGroup,
} from '@journey/architecture-rules';

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
    serviceOwnsOnlyItsSchemaGroup({
      groupOf: SCHEMA_GROUP_OF,
      ownsNoData: '^(gateway|libs)/',
      ownsNoDataInWords: 'gateway and libs own no data',
    }),
    importsNothingFrom('event-driven', 'microservices'),
  ],
};

export default rules;
