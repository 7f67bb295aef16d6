import { env, type Logger, runService as runProcess, type ServiceProcess } from '@journey/platform';

/**
 * The entry point of every process of the pattern: the lab's `runService` (build, close cleanly on
 * SIGTERM, listen), with the one thing this pattern decides: where each process listens by default.
 * Settings beyond the port are each process's own, read by its `main.ts`: services here differ in
 * what they need (a database, the URLs of the services they call), so there is no common set.
 */
export function runService(name: ProcessName, build: (log: Logger) => Promise<ServiceProcess>) {
  runProcess(name, {
    settings: () => ({
      port: env.integer('PORT', DEFAULT_PORTS[name], { max: 65_535 }),
      host: env.string('HOST', '127.0.0.1')!,
    }),
    build,
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
