import { env, type JwtSecretSetting, labScopedName, readJwtSecret } from '@journey/platform';

/**
 * One registry of ports for running the processes by hand (`npx tsx …/main.ts`); the lab gives every
 * process a free port instead. Apart from microservices' 3000s, so both patterns can run side by side.
 */
export const DEFAULT_PORTS = {
  gateway: 3100,
  identity: 3101,
  profiles: 3102,
  articles: 3103,
  comments: 3104,
  views: 3105,
};
export type ProcessName = keyof typeof DEFAULT_PORTS;
export type ServiceName = Exclude<ProcessName, 'gateway'>;

export const DEFAULT_BROKER_URL = 'embedded:.journey/event-driven/events.sqlite';

/** Which broker to open: one URL (`embedded:<path>`, `amqp://…`, `nats://…`) and the names to use on it. */
export interface BrokerConnection {
  url: string;
  /** Names the exchange/queues or stream, so two runs on one broker never share them. */
  namespace: string;
  visibilityTimeoutMs?: number;
}

export interface ServiceSettings extends JwtSecretSetting {
  port: number;
  host: string;
  /** Its own database: `postgres://…` or a SQLite file. */
  databaseUrl: string;
  broker: BrokerConnection;
}

/** PORT, HOST, DATABASE_URL, BROKER_URL, BROKER_NAMESPACE and JWT_SECRET, as every process of the pattern reads them. */
export function serviceSettings(name: ProcessName): ServiceSettings {
  return {
    port: env.integer('PORT', DEFAULT_PORTS[name], { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    databaseUrl: env.string('DATABASE_URL', `.journey/event-driven/${name}.sqlite`)!,
    broker: {
      url: env.string('BROKER_URL', DEFAULT_BROKER_URL)!,
      // Started by hand, a process joins the namespace the lab gives its own runs (its data dir's).
      namespace: env.string('BROKER_NAMESPACE') ?? labScopedName('event-driven'),
    },
    ...readJwtSecret(),
  };
}
