import { env, type Logger } from '@journey/platform';

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
export const DEFAULT_BROKER_NAMESPACE = 'journey_event_driven';

// Safe only because every process binds to localhost; whoever uses it says so in the log.
const DEV_SECRET = 'backend-journey-dev-secret-change-me';

/** Which broker to open: one URL (`embedded:<path>`, `amqp://…`, `nats://…`) and the names to use on it. */
export interface BrokerConnection {
  url: string;
  /** Names the exchange/queues or stream, so two runs on one broker never share them. */
  namespace: string;
  visibilityTimeoutMs?: number;
}

export interface ServiceSettings {
  port: number;
  host: string;
  /** Its own database: `postgres://…` or a SQLite file. */
  databaseUrl: string;
  broker: BrokerConnection;
  jwtSecret: string;
  /** True when JWT_SECRET was not set and the development secret is in use. */
  insecureSecret: boolean;
}

/** PORT, HOST, DATABASE_URL, BROKER_URL, BROKER_NAMESPACE and JWT_SECRET, as every process of the pattern reads them. */
export function serviceSettings(name: ProcessName): ServiceSettings {
  const jwtSecret = env.string('JWT_SECRET');
  return {
    port: env.integer('PORT', DEFAULT_PORTS[name], { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    databaseUrl: env.string('DATABASE_URL', `.journey/event-driven/${name}.sqlite`)!,
    broker: {
      url: env.string('BROKER_URL', DEFAULT_BROKER_URL)!,
      namespace: env.string('BROKER_NAMESPACE', DEFAULT_BROKER_NAMESPACE)!,
    },
    jwtSecret: jwtSecret ?? DEV_SECRET,
    insecureSecret: jwtSecret === undefined,
  };
}

/** The secret, with a warning when it is the development one. */
export function jwtSecretOf(settings: ServiceSettings, log: Logger): string {
  if (settings.insecureSecret) {
    log.warn('JWT_SECRET is not set: using the development secret. Never expose this server.');
  }
  return settings.jwtSecret;
}
