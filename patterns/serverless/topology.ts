import { defineTopology, LOST_ANSWER_EXPERIMENT } from '@journey/topology';

/** The one database every function instance connects to: PostgreSQL unless --single. */
const CONDUIT_DB = 'conduit-db';
/** Where the articles function publishes `article-published` and event functions are fed from. */
const EVENTS = 'events';

// pattern: independently deployed functions on a platform-neutral core, behind one API gateway; the
// platform scales each function's instances with its traffic, down to none.
export default defineTopology({
  id: 'serverless',
  title: 'Functions on a serverless platform behind one API gateway, scaled per function',
  processes: [
    {
      // One process stands in for the cloud: the platform's local runtime (serverless-offline, or a
      // Functions Framework process per function) behind the gateway. The functions and their live
      // instances are its hosted units, as `journey ps` lists them.
      name: 'runtime',
      command: ['node', '--import', 'tsx', 'patterns/serverless/platforms/local/main.ts'],
      portEnv: 'PORT',
      public: true,
      health: '/health',
      hostedUnits: '/functions',
      uses: [CONDUIT_DB, EVENTS],
    },
  ],
  infrastructure: [
    // A fleet of instances writes at once, which SQLite's one writer cannot take; --single picks it.
    { name: CONDUIT_DB, kind: 'database', urlEnv: 'DATABASE_URL', defaultChoice: 'postgres' },
    { name: EVENTS, kind: 'broker', urlEnv: 'BROKER_URL', groups: ['notify-followers'] },
  ],
  edges: [
    { from: 'client', to: 'runtime', protocol: 'http' },
    { from: 'runtime', to: CONDUIT_DB, protocol: 'sql' },
    { from: 'runtime', to: EVENTS, protocol: 'events' },
  ],
  // The gateway passes a lost answer's retry on with its Idempotency-Key; the function claims the key
  // in the write's own transaction, so whichever instance the retry reaches, the database decides.
  experiments: [LOST_ANSWER_EXPERIMENT],
  options: [
    {
      name: 'platform',
      description:
        'whose local runtime runs the functions: AWS Lambda (serverless-offline) or Google Cloud Functions',
      env: 'SERVERLESS_PLATFORM',
      choices: ['aws', 'gcf'],
    },
    {
      name: 'single',
      description: 'one instance per function, on SQLite: the smallest run, without the fleet',
      env: 'SERVERLESS_SINGLE',
      picks: { database: 'sqlite' },
    },
  ],
});
