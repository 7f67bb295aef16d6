import { defineTopology, LOST_ANSWER_EXPERIMENT, type ProcessSpec } from '@journey/topology';

const SERVICES = ['identity', 'profiles', 'articles', 'comments'] as const;
type Service = (typeof SERVICES)[number];

/** Who calls whom inside the system; the lab hands each caller `<CALLEE>_URL`. */
const CALLS: Record<Service | 'gateway', Service[]> = {
  gateway: [...SERVICES],
  identity: [],
  profiles: ['identity'],
  articles: ['comments'],
  comments: [],
};

const service = (name: Service): ProcessSpec => ({
  name,
  command: ['node', '--import', 'tsx', `patterns/microservices/services/${name}/src/main.ts`],
  portEnv: 'PORT',
  // Ready means its own database answers; that is what callers need before they start.
  health: '/ready',
  dependsOn: CALLS[name],
  uses: [`${name}-db`],
});

// pattern: database per service. Four databases, and a service only ever holds the URL of its own.
export default defineTopology({
  id: 'microservices',
  title: 'Microservices behind an API gateway',
  processes: [
    ...SERVICES.map(service),
    {
      name: 'gateway',
      command: ['node', '--import', 'tsx', 'patterns/microservices/gateway/src/main.ts'],
      portEnv: 'PORT',
      public: true,
      health: '/health',
      dependsOn: CALLS.gateway,
    },
  ],
  infrastructure: SERVICES.map((name) => ({
    name: `${name}-db`,
    kind: 'database' as const,
    urlEnv: 'DATABASE_URL',
  })),
  edges: [
    { from: 'client', to: 'gateway', protocol: 'http' },
    ...Object.entries(CALLS).flatMap(([from, callees]) =>
      callees.map((to) => ({ from, to, protocol: 'http' as const })),
    ),
    ...SERVICES.map((name) => ({ from: name, to: `${name}-db`, protocol: 'sql' as const })),
  ],
  experiments: [
    {
      name: 'comments-down',
      title: 'the comments service crashes',
      fault: { kind: 'kill', processes: ['comments'] },
      expect: {
        users: 'kept working',
        profiles: 'kept working',
        articles: 'kept working',
        favorites: 'kept working',
        comments: 'failed fast (503)',
      },
      lesson:
        'A crash stays inside the service that owns the failing capability: sign-in, articles, profiles and ' +
        'favorites keep answering, and the gateway answers comment calls with a quick 503 (its breaker ' +
        'opens) instead of hanging. The price is paid elsewhere: more processes, more memory and a network ' +
        'hop per call (npm run bench -- microservices monolith), and deleting an article now needs comments up.',
    },
    LOST_ANSWER_EXPERIMENT,
  ],
});
