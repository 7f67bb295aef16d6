import {
  importsNothingFrom,
  type PatternRules,
  serviceOwnsOnlyItsSchemaGroup,
  WHOLE_MODULE,
} from '@journey/architecture-rules';

/**
 * The event-driven pattern (patterns/event-driven/README.md): services under `services/<name>/`, each
 * its own package and database, that learn about each other only from the events in the catalogue
 * (`libs/events`, `@journey/event-driven-events`) carried by the broker; `views` is the read side,
 * building its models from those events. The gateway (`gateway/`) sends commands and reads using what
 * each service publishes in its `src/api.ts`. `libs/` holds the messaging plumbing: events, outbox,
 * service kit (the broker itself is a package, @journey/broker).
 */

const SERVICES = 'identity|profiles|articles|comments|views';
/** A service's code, reached by a relative path or through its package. */
const ANY_SERVICE = `^services/|(^|/)node_modules/@journey/event-driven-(${SERVICES})/`;
const GATEWAY = '^gateway/|(^|/)node_modules/@journey/event-driven-gateway/';
const PUBLISHED_API =
  '^services/[^/]+/src/api\\.ts$|(^|/)node_modules/@journey/event-driven-[^/]+/src/api\\.ts$';
const VIEWS = '^services/views/';
const OUTBOX = '^libs/outbox/|(^|/)node_modules/@journey/event-driven-outbox/';

/** `services/articles/src/app.ts` → `articles`; a package → its service. */
const serviceOf = (path: string) =>
  /^services\/([^/]+)\//.exec(path)?.[1] ?? /event-driven-([a-z-]+)/.exec(path)?.[1] ?? path;

/** The group of the Conduit schema each owner's database holds (ADR 0010); views holds read models only. */
const SCHEMA_GROUP_OF = {
  identity: 'users',
  profiles: 'profiles',
  articles: 'articles',
  comments: 'comments',
};

const rules: PatternRules = {
  shape:
    'services that know each other only through the events they publish and consume over a broker, a read side that publishes nothing, a gateway using what each service publishes',
  rules: [
    {
      name: 'services-know-each-other-only-by-events',
      comment:
        'A service learns what happened elsewhere from the events it consumes, never from another ' +
        'service’s code, not even its api.ts (that is the gateway’s view of it): the producer can change ' +
        'or be down, and the consumer keeps working from its own copy of what the events said.',
      forbidden: [
        {
          from: { path: '^services/([^/]+)/' },
          to: {
            path: `${ANY_SERVICE}|${GATEWAY}`,
            pathNot: ['^services/$1/', '(^|/)node_modules/@journey/event-driven-$1/'],
          },
        },
      ],
      explain: ({ from, to }) =>
        `the ${serviceOf(from)} service (${from}) imports code of the ${serviceOf(to)} service (${to}); ` +
        'consume the events it publishes (@journey/event-driven-events) through the broker instead',
    },
    {
      name: 'gateway-uses-only-published-apis',
      comment:
        'The gateway is the one place that knows the services: it sends each command to its owner and ' +
        'reads to views using the wire schemas they publish (src/api.ts). Importing a service’s internals ' +
        'would make the gateway break whenever a service refactors.',
      forbidden: [{ from: { path: '^gateway/' }, to: { path: ANY_SERVICE, pathNot: PUBLISHED_API } }],
      explain: ({ from, to }) =>
        `the gateway (${from}) imports ${to}, an internal of the ${serviceOf(to)} service; ` +
        'use what the service publishes in its src/api.ts',
    },
    {
      name: 'libs-know-no-service',
      comment:
        'libs/ is the messaging every service shares (event catalogue, outbox, service kit). A lib ' +
        'that knew a service would couple every service, and the catalogue, to that one.',
      forbidden: [{ from: { path: '^libs/' }, to: { path: `${ANY_SERVICE}|${GATEWAY}` } }],
      explain: ({ from, to }) =>
        `${from} (shared lib) imports ${to}; libs must not know any service or the gateway`,
    },
    {
      name: 'read-side-publishes-nothing',
      comment:
        'views only consumes: its read models are derived from other services’ events and can be ' +
        'rebuilt by replaying them. An event views published would be a fact owned by no producer, ' +
        'and a replay would publish it again. It may use the outbox library’s consumer side only.',
      // views imports the outbox package for its consumer side (types of the inbox, retry policy), so
      // the module is allowed and only the names that publish are forbidden.
      forbidden: [],
      forbiddenNames: [{ from: VIEWS, to: OUTBOX, names: ['appendToOutbox', 'createOutboxRelay'] }],
      explain: ({ from, to, names }) =>
        `views, the read side (${from}), imports ${describeNames(names, to)}; ` +
        'views consumes events and publishes none: derive what you need from the events it receives',
    },
    serviceOwnsOnlyItsSchemaGroup({
      groupOf: SCHEMA_GROUP_OF,
      ownsNoData: '^(gateway|libs|services/views)/',
      ownsNoDataInWords: 'gateway, libs and views (read models of their own, built from events) own no data',
    }),
    importsNothingFrom('microservices', 'event-driven'),
  ],
};

export default rules;

const describeNames = (names: string[], module: string) =>
  names.includes(WHOLE_MODULE)
    ? `all of ${module}, appendToOutbox and the outbox relay included`
    : `${names.join(' and ')} from ${module}`;
