import { createLogger, env, type Logger, onShutdown } from '@journey/platform';

export interface ServiceProcess {
  app: { listen(options: { port: number; host: string }): Promise<string> };
  close(): Promise<void>;
}

/** The entry point of every process of the pattern: build, listen on `PORT`, close cleanly on SIGTERM. */
export function runService(name: ProcessName, build: (log: Logger) => Promise<ServiceProcess>) {
  const log = createLogger(name);
  const start = async () => {
    const port = env.integer('PORT', DEFAULT_PORTS[name], { max: 65_535 });
    const host = env.string('HOST', '127.0.0.1')!;
    const service = await build(log);
    onShutdown(log, service.close);
    const address = await service.app.listen({ port, host });
    log.info({ address }, `${name} service listening`);
  };
  start().catch((error: unknown) => {
    log.fatal({ err: error }, `${name} service failed to start`);
    process.exit(1);
  });
}

/** A service's own database: `DATABASE_URL` (`postgres://…` or a file), else its own SQLite file. */
export const databaseUrl = (name: ProcessName) =>
  env.string('DATABASE_URL', `.journey/microservices/${name}.sqlite`)!;

/**
 * One registry of ports for running the processes by hand (`npx tsx …/main.ts`); the lab overrides
 * every one of them with a free port and tells each process where its dependencies are.
 */
export const DEFAULT_PORTS = {
  gateway: 3000,
  identity: 3001,
  profiles: 3002,
  articles: 3003,
  comments: 3004,
};
export type ProcessName = keyof typeof DEFAULT_PORTS;

/** Base URL of another process, from e.g. `COMMENTS_URL`, else where it listens by default. */
export function downstreamUrl(name: Exclude<ProcessName, 'gateway'>): string {
  return env.string(`${name.toUpperCase()}_URL`, `http://127.0.0.1:${DEFAULT_PORTS[name]}`)!;
}

// Safe only because every process binds to localhost; the gateway warns whenever it is used.
const DEV_SECRET = 'backend-journey-dev-secret-change-me';

/** The JWT secret shared by identity (issues tokens) and the gateway (verifies them). */
export function jwtSecret(log: Logger): string {
  const secret = env.string('JWT_SECRET');
  if (secret) return secret;
  log.warn('JWT_SECRET is not set: using the development secret. Never expose this server.');
  return DEV_SECRET;
}
