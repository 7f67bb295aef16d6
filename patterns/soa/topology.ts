import { defineTopology, type EdgeSpec, LOST_ANSWER_EXPERIMENT, type ProcessSpec } from '@journey/topology';

const SERVICES = ['identity', 'publishing', 'engagement'] as const;
type Service = (typeof SERVICES)[number];

/** The one database every enterprise service reads and writes (ADR 13: shared enterprise data). */
const ENTERPRISE_DB = 'enterprise-db';

/**
 * The first service to start migrates the shared schema; the others wait for it, so two processes
 * never migrate one SQLite file at once. Identity goes first because nothing it does needs the others.
 */
const STARTS_AFTER: Record<Service, Service[]> = {
  identity: [],
  publishing: ['identity'],
  engagement: ['identity'],
};

const service = (name: Service): ProcessSpec => ({
  name,
  command: ['node', '--import', 'tsx', `patterns/soa/services/${name}/src/main.ts`],
  portEnv: 'PORT',
  // Ready means the enterprise database answers; the service registers its contract once it listens.
  health: '/ready',
  dependsOn: ['registry', ...STARTS_AFTER[name]],
  uses: [ENTERPRISE_DB],
});

// pattern: one mediation bus in front of coarse enterprise services over SOAP, found through a
// registry rather than hard-coded, all three sharing one enterprise database.
export default defineTopology({
  id: 'soa',
  title: 'Enterprise services behind a mediation bus, with a service registry',
  processes: [
    {
      name: 'registry',
      command: ['node', '--import', 'tsx', 'patterns/soa/registry/src/main.ts'],
      portEnv: 'PORT',
      health: '/health',
    },
    ...SERVICES.map(service),
    {
      name: 'bus',
      command: ['node', '--import', 'tsx', 'patterns/soa/bus/src/main.ts'],
      portEnv: 'PORT',
      public: true,
      health: '/health',
      dependsOn: ['registry', ...SERVICES],
    },
  ],
  infrastructure: [{ name: ENTERPRISE_DB, kind: 'database', urlEnv: 'DATABASE_URL' }],
  edges: [
    { from: 'client', to: 'bus', protocol: 'http' },
    // The bus learns each service's endpoint from the registry; the <SERVICE>_URL variables these
    // edges also hand it go unread (patterns/soa/test/lab/bus-routing.test.ts keeps it so).
    ...SERVICES.map((name): EdgeSpec => ({ from: 'bus', to: name, protocol: 'soap' })),
    // Request/response edges: the lab hands each caller REGISTRY_URL.
    ...[...SERVICES, 'bus'].map((name): EdgeSpec => ({ from: name, to: 'registry', protocol: 'http' })),
    ...SERVICES.map((name): EdgeSpec => ({ from: name, to: ENTERPRISE_DB, protocol: 'sql' })),
  ],
  experiments: [
    {
      name: 'service-down',
      title: 'the engagement service (favorites, follows, feed) crashes',
      fault: { kind: 'kill', processes: ['engagement'] },
      // Profiles keep working: identity answers `following` from the shared follows table itself;
      // only following and unfollowing need engagement, and no probe does those.
      expect: {
        users: 'kept working',
        profiles: 'kept working',
        articles: 'kept working',
        comments: 'kept working',
        favorites: 'failed fast (503)',
      },
      lesson:
        'The bus routes each operation to the one service that offers it, so losing engagement loses ' +
        'favorites, follows and the feed (a quick 503 naming engagement: its endpoint refuses the ' +
        'connection, and once its lease runs out the registry offers none) while sign-in, profiles, articles and comments keep answering. The isolation looks like ' +
        "microservices' comments-down, but it ends at the process: the three services share one enterprise " +
        'database, so a slow migration or a locked table there stops them all, and every request still ' +
        'crosses the bus, the one door and the one place to be down.',
    },
    LOST_ANSWER_EXPERIMENT,
  ],
});
