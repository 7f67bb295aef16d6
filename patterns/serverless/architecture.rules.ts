import { importsNothingFrom, type PatternRules, packages } from '@journey/architecture-rules';

/**
 * The serverless pattern (issue 15): each Conduit function under `functions/<name>/` is deployed and
 * scaled alone, built on a platform-neutral `core/`; thin adapters under `platforms/<cloud>/` turn one
 * cloud's HTTP event into the core's request and back. The neutral core is the point: the same
 * function code runs on AWS Lambda, Google Cloud Functions and Azure Functions.
 */

/** `functions/articles/plan.ts` → `articles`; anything else → itself. */
const functionOf = (path: string) => /^functions\/([^/]+)\//.exec(path)?.[1] ?? path;

/** The platforms' SDKs, types included: `aws-lambda` is only ever its types (`@types/aws-lambda`). */
const PLATFORM_SDKS = packages(
  '@azure/functions',
  '@google-cloud/functions-framework',
  'aws-lambda',
  '@types/aws-lambda',
);
/** The same SDKs by bare name, when they do not resolve (a tree that names one without installing it). */
const PLATFORM_SDKS_UNRESOLVED = '^(@azure/functions|@google-cloud/functions-framework|aws-lambda)(/|$)';

const rules: PatternRules = {
  shape:
    'independently deployed functions built on a platform-neutral core, with one thin adapter per cloud that reaches each function only through its handler',
  rules: [
    {
      name: 'function-imports-no-other-function',
      comment:
        'Each function is its own deployment unit: one that imports another ships a copy of it, so a ' +
        'change to articles quietly redeploys (and cold-starts) comments too. What several functions ' +
        'need lives in functions/shared or in core.',
      forbidden: [
        {
          from: { path: '^functions/([^/]+)/' },
          to: { path: '^functions/', pathNot: ['^functions/$1/', '^functions/shared/'] },
        },
      ],
      explain: ({ from, to }) =>
        `the ${functionOf(from)} function (${from}) imports ${to}; ` +
        'a function imports only its own folder, functions/shared and core (the function map included: it loads every function)',
    },
    {
      name: 'core-imports-no-function-or-platform',
      comment:
        'The core is what every function is built on and what every platform adapter calls: if it ' +
        'knew a function it would ship that function inside all the others, and if it knew a platform ' +
        'it would stop being neutral.',
      forbidden: [{ from: { path: '^core/' }, to: { path: '^(functions|platforms)/' } }],
      explain: ({ from, to }) =>
        `core (${from}) imports ${to}; the core knows neither the functions built on it nor the platforms that run them`,
    },
    {
      name: 'platform-reaches-functions-through-handlers',
      comment:
        'An adapter translates one cloud’s event into the core’s request; the function behind it is a ' +
        'ConduitFunction and nothing more. An adapter that reaches past the handler into a function’s ' +
        'use cases or queries skips its routing, validation and instance meter.',
      forbidden: [
        {
          from: { path: '^platforms/' },
          to: { path: '^functions/', pathNot: ['^functions/index\\.ts$', '^functions/[^/]+/handler\\.ts$'] },
        },
      ],
      explain: ({ from, to }) =>
        `the adapter ${from} imports ${to}, a function's internals; ` +
        'a platform imports core, the function map (functions/index.ts) and a function’s handler.ts only',
    },
    {
      name: 'platform-imports-no-other-platform',
      comment:
        'Each cloud’s adapter is deployed only to that cloud: one that imports another’s drags a foreign ' +
        'SDK into its bundle. What adapters share belongs in core.',
      forbidden: [
        {
          // platforms/local is no cloud: it runs each cloud's local emulation on a developer's machine
          // and is never deployed, so it alone may start the others.
          from: { path: '^platforms/([^/]+)/', pathNot: '^platforms/local/' },
          to: { path: '^platforms/', pathNot: ['^platforms/$1/'] },
        },
      ],
      explain: ({ from, to }) =>
        `the adapter ${from} imports ${to}, another platform's adapter; move what both need into core`,
    },
    {
      name: 'neutral-code-imports-no-platform-sdk',
      comment:
        'Functions and the core run unchanged on every cloud; a platform SDK in them (even its types) ' +
        'ties them to one and makes the others’ adapters ship it. Only platforms/<cloud>/ may name its SDK.',
      forbidden: [
        { from: { path: '^(core|functions)/' }, to: PLATFORM_SDKS },
        { from: { path: '^(core|functions)/' }, to: { path: PLATFORM_SDKS_UNRESOLVED } },
      ],
      explain: ({ from, to }) =>
        `${from} imports ${to}, a platform SDK; translate that platform's event in platforms/<cloud>/ and keep ${from.split('/')[0]} neutral`,
    },
    importsNothingFrom('microservices', 'serverless'),
  ],
};

export default rules;
