import { catalogue } from '@journey/event-driven-events';
import { defineTopology, type EdgeSpec, type ProcessSpec } from '@journey/topology';

const SERVICES = ['identity', 'profiles', 'articles', 'comments', 'views'] as const;
type Service = (typeof SERVICES)[number];

/** Who publishes and who consumes, straight from the event catalogue: the diagram cannot drift from it. */
const publishers = [...new Set(catalogue.map((event) => event.producer))];
const consumers = [...new Set(catalogue.flatMap((event) => event.consumers))];

const service = (name: Service): ProcessSpec => ({
  name,
  command: ['node', '--import', 'tsx', `patterns/event-driven/services/${name}/src/main.ts`],
  portEnv: 'PORT',
  // Ready means its own database answers. Nothing else: a service needs no other service to start,
  // and a broker that is away only delays its events (the outbox keeps them).
  health: '/ready',
  uses: [`${name}-db`, 'broker'],
});

// pattern: no service depends on another. Each owns its database and talks to the others only
// through events on the broker; only the gateway, the one door, knows them all.
export default defineTopology({
  id: 'event-driven',
  title: 'Event-driven services behind a gateway',
  processes: [
    ...SERVICES.map(service),
    {
      name: 'gateway',
      command: ['node', '--import', 'tsx', 'patterns/event-driven/gateway/src/main.ts'],
      portEnv: 'PORT',
      public: true,
      health: '/health',
      dependsOn: [...SERVICES],
    },
  ],
  infrastructure: [
    ...SERVICES.map((name) => ({ name: `${name}-db`, kind: 'database' as const, urlEnv: 'DATABASE_URL' })),
    // A fresh run (tests, bench) removes its consumer groups' queues on stop; RabbitMQ cannot list them.
    { name: 'broker', kind: 'broker', urlEnv: 'BROKER_URL', groups: consumers },
  ],
  edges: [
    { from: 'client', to: 'gateway', protocol: 'http' },
    ...SERVICES.map((name): EdgeSpec => ({ from: 'gateway', to: name, protocol: 'http' })),
    ...publishers.map((name): EdgeSpec => ({ from: name, to: 'broker', protocol: 'events' })),
    ...consumers.map((name): EdgeSpec => ({ from: 'broker', to: name, protocol: 'events' })),
    ...SERVICES.map((name): EdgeSpec => ({ from: name, to: `${name}-db`, protocol: 'sql' })),
  ],
  experiments: [
    {
      name: 'views-down',
      title: 'the views service (every read model) crashes',
      kill: ['views'],
      expect: {
        users: 'kept working',
        profiles: 'kept working',
        articles: 'failed fast (503)',
        favorites: 'kept working',
      },
      lesson:
        'Writes never needed the read side: sign-in, profiles and favorites keep answering, each change ' +
        'committed with its event by the service that owns it, and the gateway answers 202 with ' +
        '"x-journey-consistency: pending" where it cannot show the change yet. Reads of articles fail fast ' +
        'with 503 (comments do both: writing works, reading fails). Once views is back it catches up from its ' +
        'durable consumer group and nothing acknowledged is lost: eventual consistency, seen from the outside.',
    },
  ],
});
