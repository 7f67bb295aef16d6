import {
  anyFileExcept,
  anyPackageExcept,
  type BrokenImport,
  inSrc,
  type PatternRules,
  packages,
  topOf,
} from '@journey/architecture-rules';

/**
 * The layered pattern (patterns/layered/README.md): four folders, every arrow pointing down.
 *
 *   composition root (src/*.ts) → http → application → domain
 *                                               ↘ persistence ⇢ domain (entity types)
 *
 * The domain sits beside persistence rather than above it: services load entities through
 * repositories and hand them to the domain's rules, so the domain imports nothing at all. Each layer
 * is entered through one file: `http/index.ts`, `application/index.ts`, `persistence/data-access.ts`.
 */

/** The composition root: files directly in `src/` (app.ts, main.ts, config.ts). */
const ROOT = '^src/[^/]+\\.ts$';

const LAYERS = '^src/(http|application|domain|persistence)/';

const layerName = (path: string) => (/^src\/[^/]+\.ts$/.test(path) ? 'the composition root' : topOf(path));

const TECHNOLOGY: Record<string, string> = {
  http: 'no SQL driver, Kysely or JWT library: those belong to persistence and application',
  application: 'no Fastify and no SQL: requests belong to http, queries to persistence',
  persistence: 'no Fastify and no JWT library: persistence only stores and loads',
  root: 'no SQL: the application opens its own persistence',
};

const rules: PatternRules = {
  shape: 'http → application → domain, application → persistence ⇢ domain, each layer entered by one file',
  rules: [
    {
      name: 'http-talks-only-to-application',
      comment:
        'A route that reads a repository or calls a domain rule itself skips the layer that owns ' +
        'transactions and permissions, and the rule ends up in two places.',
      forbidden: [{ from: { path: '^src/http/' }, to: { path: '^src/(domain|persistence)/' } }],
      explain: ({ from, to }) =>
        `${inSrc(from)} (http) imports ${inSrc(to)} (${topOf(to)}), skipping the application layer; ` +
        'call an application service instead',
    },
    {
      name: 'no-upward-imports',
      comment:
        'A lower layer never knows who stands on it: the application does not know it is served over ' +
        'HTTP, persistence does not know which use case asks.',
      forbidden: [
        { from: { path: '^src/application/' }, to: { path: '^src/http/' } },
        { from: { path: '^src/persistence/' }, to: { path: '^src/(application|http)/' } },
      ],
      explain: ({ from, to }) =>
        `${inSrc(from)} (${topOf(from)}) imports ${inSrc(to)} (${topOf(to)}), which sits above it; ` +
        'dependencies point down only: pass what it needs in from above instead',
    },
    {
      name: 'domain-depends-on-nothing',
      comment:
        'Entities and business rules are plain TypeScript plus the shared spec rules (@journey/conduit-rules), ' +
        'so they can be tested without a server, a database or a clock.',
      forbidden: [
        { from: { path: '^src/domain/' }, to: { path: '^src/', pathNot: '^src/domain/' } },
        { from: { path: '^src/domain/' }, to: anyPackageExcept('@journey/conduit-rules') },
      ],
      explain: ({ from, to }) =>
        to.startsWith('src/')
          ? `${inSrc(from)} (domain) imports ${inSrc(to)} (${layerName(to)}); the domain imports no other layer: ` +
            'let the application service load and hand over what the rule needs'
          : `${inSrc(from)} (domain) imports ${to}; the domain uses no package but ` +
            '@journey/conduit-rules and does no I/O: leave that to application or persistence',
    },
    {
      name: 'composition-root-wires-the-top-layers',
      comment:
        'app.ts stacks the layers by touching only the top two: it opens the application (which opens its ' +
        'own persistence) and hands it to http. Reaching lower would make the root a fifth layer.',
      forbidden: [{ from: { path: ROOT }, to: { path: '^src/(domain|persistence)/' } }],
      explain: ({ from, to }) =>
        `${inSrc(from)} (composition root) imports ${inSrc(to)} (${topOf(to)}); ` +
        'the root builds only http and application: let the application open what lies below',
    },
    {
      name: 'layers-never-import-the-composition-root',
      comment: 'app.ts, main.ts and config.ts sit above every layer; a layer importing them points up.',
      // The domain is covered by domain-depends-on-nothing.
      forbidden: [{ from: { path: '^src/(http|application|persistence)/' }, to: { path: ROOT } }],
      explain: ({ from, to }) =>
        `${inSrc(from)} (${topOf(from)}) imports ${inSrc(to)}, the composition root; ` +
        'pass the value in (a parameter or an option) instead',
    },
    {
      name: 'layers-entered-through-their-front-door',
      comment:
        'Each layer shows the one above a single file: http/index.ts, application/index.ts, ' +
        'persistence/data-access.ts. What lies behind it can be rearranged without touching the caller.',
      forbidden: [
        {
          from: { path: '^src/http/' },
          to: { path: '^src/application/', pathNot: '^src/application/index\\.ts$' },
        },
        {
          from: { path: '^src/application/' },
          to: { path: '^src/persistence/', pathNot: '^src/persistence/data-access\\.ts$' },
        },
        {
          from: { path: ROOT },
          to: { path: '^src/(http|application)/', pathNot: '^src/(http|application)/index\\.ts$' },
        },
      ],
      explain: ({ from, to }: BrokenImport) => {
        const door = topOf(to) === 'persistence' ? 'persistence/data-access.ts' : `${topOf(to)}/index.ts`;
        return `${inSrc(from)} (${layerName(from)}) reaches into ${inSrc(to)}; enter ${topOf(to)} through ${door}`;
      },
    },
    {
      name: 'code-lives-in-a-layer',
      comment:
        'Every file the pattern uses sits in one of the four layers or in the composition root. A file ' +
        'imported from another folder of src/ or from outside src/ (a test helper, another workspace’s ' +
        'source) is a fifth layer no rule looks at.',
      forbidden: [
        { from: { path: '^src/', pathNot: '^src/domain/' }, to: anyFileExcept(LAYERS, ROOT) },
        // Imports inside src/ from the domain are covered by domain-depends-on-nothing.
        { from: { path: '^src/domain/' }, to: anyFileExcept('^src/') },
      ],
      explain: ({ from, to }) =>
        `${inSrc(from)} (${layerName(from)}) imports ${to}, which is in no layer; ` +
        'move it into the layer that owns it (http, application, domain or persistence)',
    },
    {
      name: 'technology-stays-in-its-layer',
      comment:
        'Fastify belongs to http, Kysely and the drivers to persistence, JWTs to the application. A layer ' +
        'importing another layer’s technology does that layer’s job behind its back.',
      forbidden: [
        { from: { path: '^src/http/' }, to: packages('kysely', 'pg', 'better-sqlite3', 'jose') },
        {
          from: { path: '^src/application/' },
          to: packages('fastify', '@fastify/', 'kysely', 'pg', 'better-sqlite3'),
        },
        { from: { path: '^src/persistence/' }, to: packages('fastify', '@fastify/', 'jose') },
        { from: { path: ROOT }, to: packages('kysely', 'pg', 'better-sqlite3') },
      ],
      explain: ({ from, to }) => {
        const layer = /^src\/[^/]+\.ts$/.test(from) ? 'root' : topOf(from);
        return `${inSrc(from)} (${layerName(from)}) imports ${to}; ${TECHNOLOGY[layer]}`;
      },
    },
  ],
};

export default rules;
