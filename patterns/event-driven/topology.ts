import { catalogue } from '@journey/event-driven-events';
import { defineTopology, type EdgeSpec, LOST_ANSWER_EXPERIMENT, type ProcessSpec } from '@journey/topology';

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
      fault: { kind: 'kill', processes: ['views'] },
      // Articles and comments are left out: publishing and commenting keep working while reading them
      // fails fast, so they show both; the write audit checks that no stored write was answered an error.
      expect: {
        users: 'kept working',
        profiles: 'kept working',
        favorites: 'kept working',
      },
      lesson:
        'Writes never needed the read side: sign-in, profiles, favorites, publishing and commenting keep ' +
        'answering, each change committed with its event by the service that owns it, and the gateway ' +
        'answers with "x-journey-consistency: pending" where it cannot show the change yet. Reading articles ' +
        'and comments fails fast with 503. Once views is back it catches up from its durable consumer group ' +
        'and nothing acknowledged is lost: eventual consistency, seen from the outside.',
    },
    {
      name: 'broker-away',
      title: 'every service loses its broker connection (the broker server itself keeps running)',
      fault: { kind: 'cut-infrastructure', name: 'broker' },
      expect: {
        users: 'kept working',
        profiles: 'kept working',
        articles: 'kept working',
        favorites: 'kept working',
        comments: 'kept working',
      },
      lesson:
        'No request waits on the broker: each service commits its change and its event together in its own ' +
        'database (the outbox), so writes keep being accepted and reads keep answering from the read models ' +
        'as they were. What stops is the flow between services: the read side falls behind until the ' +
        'connection is back, then the outboxes drain and the projections converge on every acknowledged ' +
        'write. The broker being away costs freshness, not data.',
    },
    LOST_ANSWER_EXPERIMENT,
  ],
  // The lab derives "no process waits on the broker" from the events edges, which is true of the
  // services (ADR 0008's outbox) but not of every answer: the gateway holds a write's answer until
  // views shows it (ADR 0009), and that event crosses the broker. `journey chaos event-driven latency
  // broker` measured favorites 58 → 425 ms at 200 ms of delay.
  chaos: [
    {
      kind: 'latency',
      target: 'broker',
      expect: {
        users: 'kept working',
        profiles: 'kept working',
        articles: 'kept working',
        favorites: 'kept working',
        comments: 'kept working',
      },
      because:
        'no service waits on the broker (each commits its event to its outbox), so every capability keeps ' +
        'working; but the gateway holds a write’s answer until the read model shows it (read-your-writes, ' +
        'ADR 0009), and that event crosses the slowed broker, so writes such as favorites answer slower by ' +
        'a few times the delay, up to the gateway’s bounded wait, while reads keep their speed',
    },
  ],
});
