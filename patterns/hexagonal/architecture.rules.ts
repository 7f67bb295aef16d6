import {
  anyFileExcept,
  anyPackageExcept,
  inSrc,
  type PatternRules,
  topOf,
} from '@journey/architecture-rules';

/**
 * The hexagonal pattern (patterns/hexagonal/README.md): a core (`src/domain/`, `src/application/`)
 * that declares ports and imports no technology, adapters around it (`src/adapters/<name>/`) that
 * implement or call those ports, and one composition root (`src/bootstrap.ts`) choosing the adapters.
 * `main.ts` and an adapter's own `main.ts` (the admin CLI) are entry points: they call bootstrap.
 */

const CORE = '^src/(domain|application)/';

/** `src/adapters/sqlite/sqlite-storage.ts` → `sqlite`. */
const adapterOf = (path: string) => /^src\/adapters\/([^/]+)\//.exec(path)?.[1];

const rules: PatternRules = {
  shape:
    'a core (domain, application with its ports) that imports no technology, adapters around it, one composition root',
  rules: [
    {
      name: 'core-imports-no-adapter',
      comment:
        'Dependencies point inwards: an adapter knows the core, the core never knows which adapter ' +
        'serves it. That is what lets the same use cases run on memory, SQLite and PostgreSQL.',
      forbidden: [{ from: { path: CORE }, to: { path: '^src/adapters/' } }],
      explain: ({ from, to }) =>
        `${inSrc(from)} (core) imports the ${adapterOf(to) ?? 'adapters'} adapter (${inSrc(to)}); ` +
        'declare a port in application/ports/ and let the adapter implement it',
    },
    {
      name: 'core-knows-no-composition-root',
      comment:
        'bootstrap.ts and main.ts choose and start adapters; the core importing them would import every adapter.',
      forbidden: [{ from: { path: CORE }, to: { path: '^src/[^/]+\\.ts$' } }],
      explain: ({ from, to }) =>
        `${inSrc(from)} (core) imports ${inSrc(to)}, the composition root; ` +
        'take what it needs as a port passed to the use case',
    },
    {
      name: 'core-uses-no-framework-or-io',
      comment:
        'The core is plain TypeScript plus the shared spec rules (@journey/conduit-rules): no Fastify, ' +
        'Kysely, pg, better-sqlite3, jose or node:* module. Its tests then need no I/O and run in about a second.',
      forbidden: [{ from: { path: CORE }, to: anyPackageExcept('@journey/conduit-rules') }],
      explain: ({ from, to }) =>
        `${inSrc(from)} (core) imports ${to}; the core uses no framework, driver or I/O: ` +
        'declare a port for what it needs and implement it in an adapter',
    },
    {
      name: 'core-imports-only-the-core',
      comment:
        'The core is domain/ and application/. A file it imports from anywhere else (another folder of ' +
        'src/, a test helper, another workspace’s source by a relative path) is code outside the hexagon ' +
        'that the core now depends on and no rule watches.',
      // Adapters and the composition root have their own rules above.
      forbidden: [{ from: { path: CORE }, to: anyFileExcept(CORE, '^src/adapters/', '^src/[^/]+\\.ts$') }],
      explain: ({ from, to }) =>
        `${inSrc(from)} (core) imports ${to}, which is outside the core; ` +
        'move it into domain/ or application/, or declare a port for it',
    },
    {
      name: 'domain-does-not-know-the-application',
      comment:
        'Entities and rules sit at the centre; use cases and ports are built around them, not the other way.',
      forbidden: [{ from: { path: '^src/domain/' }, to: { path: '^src/application/' } }],
      explain: ({ from, to }) =>
        `${inSrc(from)} (domain) imports ${inSrc(to)} (application); ` +
        'the domain is the centre: move the shared type into domain/',
    },
    {
      name: 'ports-declare-only',
      comment:
        'A port is an interface the core owns: it speaks in domain types and other ports, never in a use ' +
        'case or helper, so an adapter implementing it pulls in nothing else.',
      forbidden: [
        {
          from: { path: '^src/application/ports/' },
          to: { path: '^src/application/', pathNot: '^src/application/ports/' },
        },
      ],
      explain: ({ from, to }) =>
        `${inSrc(from)} (a port) imports ${inSrc(to)}; ports depend only on other ports and the domain`,
    },
    {
      name: 'adapters-enter-the-core-through-ports',
      comment:
        'Driving adapters (http, cli) call the core through its driving port, driven adapters (sql, memory, ' +
        'security…) implement its driven ports. Neither reaches a use case or helper directly.',
      forbidden: [
        {
          from: { path: '^src/adapters/' },
          to: { path: '^src/application/', pathNot: '^src/application/ports/' },
        },
      ],
      explain: ({ from, to }) =>
        `${inSrc(from)} (${adapterOf(from) ?? 'adapters'} adapter) reaches into ${inSrc(to)}; ` +
        'use the core through application/ports/ (driving: use-cases.port.ts, driven: ports/driven)',
    },
    {
      name: 'adapters-do-not-wire-adapters',
      comment:
        'Which adapters work together is decided in one place, bootstrap.ts. An adapter importing another ' +
        '(http reaching for sqlite) hard-wires that choice. Shared code is allowed: the SQL repositories ' +
        '(adapters/sql/) used by sqlite and postgres, and the Storage type (adapters/storage.ts).',
      forbidden: [
        {
          from: { path: '^src/adapters/([^/]+)/' },
          to: {
            path: '^src/adapters/',
            pathNot: ['^src/adapters/$1/', '^src/adapters/sql/', '^src/adapters/storage\\.ts$'],
          },
        },
      ],
      explain: ({ from, to }) =>
        `the ${adapterOf(from)} adapter imports the ${adapterOf(to) ?? topOf(to)} adapter (${inSrc(to)}); ` +
        'adapters meet only in bootstrap.ts',
    },
    {
      name: 'only-entry-points-call-the-composition-root',
      comment:
        'bootstrap.ts is called by entry points (src/main.ts, an adapter’s main.ts such as the admin CLI), ' +
        'never by the adapters it wires: that would be a cycle through the composition root.',
      forbidden: [
        {
          from: { path: '^src/adapters/', pathNot: '^src/adapters/[^/]+/main\\.ts$' },
          to: { path: '^src/[^/]+\\.ts$' },
        },
      ],
      explain: ({ from, to }) =>
        `${inSrc(from)} (${adapterOf(from) ?? 'adapters'} adapter) imports ${inSrc(to)}; only entry points ` +
        '(a main.ts) may call the composition root: receive what you need as a parameter',
    },
  ],
};

export default rules;
