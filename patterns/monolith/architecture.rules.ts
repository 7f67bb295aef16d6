import { type BrokenImport, inSrc, type PatternRules } from '@journey/architecture-rules';

/**
 * The modular monolith (ADR 2): users, profiles, articles and comments each live in
 * `src/modules/<name>/` and show the others only their `index.ts`. `src/shared`, `src/database` and
 * `src/http` are infrastructure every module may use. Two infrastructure files are registries that
 * must know every module: `database/schema.ts` (the table types) and `database/migrations.ts` (the
 * migrations, run in one order). `app.ts` is the composition root and wires modules by their `index.ts`.
 * The tables themselves come from @journey/conduit-sql, one group per module (ADR 5).
 */

/** Modules in dependency order: each may use those before it, never one after it. */
const MODULE_ORDER = ['users', 'profiles', 'articles', 'comments'] as const;

const CHAIN = MODULE_ORDER.join(' ← ');

/** `src/modules/articles/articles.service.ts` → `articles`. */
const moduleOf = (path: string) => /^src\/modules\/([^/]+)\//.exec(path)?.[1];

/** `src/modules/users/users.service.ts` → `users/users.service.ts`. */
const inModules = (path: string) => path.replace(/^src\/modules\//, '');

const throughIndex = ({ to }: BrokenImport) => `go through modules/${moduleOf(to)}/index.ts`;

const rules: PatternRules = {
  shape: `four modules behind their index.ts, in the order ${CHAIN}, over shared infrastructure`,
  rules: [
    {
      name: 'module-through-public-api',
      comment:
        'A module shows the others only its index.ts. Anything else is its own business and may change ' +
        'without warning; reaching into it couples two modules where no one can see it.',
      forbidden: [
        {
          from: { path: '^src/modules/([^/]+)/' },
          to: {
            path: '^src/modules/[^/]+/',
            pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'],
          },
        },
      ],
      explain: (broken) =>
        `${moduleOf(broken.from)} reaches into ${inModules(broken.to)}; ${throughIndex(broken)}`,
    },
    {
      name: 'modules-follow-the-dependency-order',
      comment:
        `Modules depend one way only: ${CHAIN}. A profile needs a user, an article an author's profile, ` +
        'a comment an article; never the reverse. Extracting a module later (the microservices stage) ' +
        'is then a cut, not a rewrite.',
      // One condition per module: it may not import any module after it in the order.
      forbidden: MODULE_ORDER.slice(0, -1).map((module, i) => ({
        from: { path: `^src/modules/${module}/` },
        to: { path: `^src/modules/(${MODULE_ORDER.slice(i + 1).join('|')})/` },
      })),
      explain: ({ from, to }) =>
        `${moduleOf(from)} imports ${moduleOf(to)} (${inModules(to)}), but ${moduleOf(to)} comes after ` +
        `${moduleOf(from)} in ${CHAIN}: ${moduleOf(from)} must not depend on it`,
    },
    {
      name: 'modules-form-no-cycle',
      comment:
        'Two modules that import each other are one module in two folders: neither can change, be tested ' +
        'or be extracted alone. This also covers modules added later (say, bookmarks), which the order above ' +
        'does not list yet.',
      forbidden: [
        {
          from: { path: '^src/modules/([^/]+)/' },
          to: { path: '^src/modules/', pathNot: '^src/modules/$1/', circular: true },
        },
      ],
      explain: ({ from, to, cycle }) => {
        const modules = [moduleOf(from), ...cycle.map(moduleOf)].filter(
          (m, i, all): m is string => m !== undefined && m !== all[i - 1],
        );
        return (
          `${moduleOf(from)} imports ${moduleOf(to)} (${inModules(to)}), and ${moduleOf(to)} leads back to ` +
          `${moduleOf(from)} (${modules.join(' → ')}): one of them must stop`
        );
      },
    },
    {
      name: 'infrastructure-through-public-api',
      comment:
        'Infrastructure (http, shared, database) and the composition root use a module the way other ' +
        'modules do: through its index.ts. Only the two registries below may name module files.',
      forbidden: [
        {
          from: { pathNot: ['^src/modules/', '^src/database/(schema|migrations)\\.ts$'] },
          to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
        },
      ],
      explain: (broken) =>
        `${inSrc(broken.from)} reaches into ${inModules(broken.to)}; ${throughIndex(broken)}`,
    },
    {
      name: 'schema-collects-only-table-types',
      comment:
        'database/schema.ts assembles the whole database type from the tables each module declares in its ' +
        '*.tables.ts. It needs those files and nothing else of a module.',
      forbidden: [
        {
          from: { path: '^src/database/schema\\.ts$' },
          to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/(index|[^/]+\\.tables)\\.ts$' },
        },
      ],
      explain: ({ to }) =>
        `database/schema.ts imports ${inModules(to)}; the schema may take only a module's *.tables.ts ` +
        `(modules/${moduleOf(to)}/${moduleOf(to)}.tables.ts)`,
    },
    {
      name: 'migrations-collect-only-module-migrations',
      comment:
        'database/migrations.ts runs every module’s migrations in one order, so it imports each module’s ' +
        '*.migrations.ts. It needs those files and nothing else of a module.',
      forbidden: [
        {
          from: { path: '^src/database/migrations\\.ts$' },
          to: {
            path: '^src/modules/[^/]+/',
            pathNot: '^src/modules/[^/]+/(index|[^/]+\\.migrations)\\.ts$',
          },
        },
      ],
      explain: ({ to }) =>
        `database/migrations.ts imports ${inModules(to)}; it may take only a module's *.migrations.ts ` +
        `(modules/${moduleOf(to)}/${moduleOf(to)}.migrations.ts)`,
    },
    {
      name: 'module-queries-only-its-own-tables',
      comment:
        'Each module owns one group of the shared Conduit schema (@journey/conduit-sql/<module>, ADR 5) and is ' +
        'handed a connection typed to that group by app.ts. A module importing another group, the whole ' +
        'schema, or the narrowing itself could type-check queries against tables it does not own.',
      forbidden: [
        {
          from: { path: '^src/modules/([^/]+)/' },
          to: {
            path: `(^|/)node_modules/@journey/conduit-sql/src/(${MODULE_ORDER.join('|')})/`,
            pathNot: '(^|/)node_modules/@journey/conduit-sql/src/$1/',
          },
        },
        {
          from: { path: '^src/modules/' },
          to: { path: '(^|/)node_modules/@journey/conduit-sql/src/conduit-schema\\.ts$' },
        },
        { from: { path: '^src/modules/' }, to: { path: '^src/database/(schema|module-tables)\\.ts$' } },
      ],
      explain: ({ from, to }) =>
        to.startsWith('src/')
          ? `${moduleOf(from)} imports ${inSrc(to)}, which reaches every module's tables; a module gets its ` +
            'own tables from app.ts (tablesOf) and takes nothing else from the database'
          : `${inModules(from)} imports tables it does not own from ${to}; the ${moduleOf(from)} module may ` +
            `import only its own group, ${to}/${moduleOf(from)}`,
    },
    {
      name: 'shared-knows-no-module',
      comment:
        'src/shared holds what every module uses (errors, the clock). If it imported a module, every module ' +
        'would depend on that one, and the order above would be a lie.',
      forbidden: [{ from: { path: '^src/shared/' }, to: { path: '^src/modules/' } }],
      explain: ({ from, to }) =>
        `${inSrc(from)} imports the ${moduleOf(to)} module (${inModules(to)}); shared code must not ` +
        'depend on any module: move what it needs into shared, or the code into the module',
    },
  ],
};

export default rules;
