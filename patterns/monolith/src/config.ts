import { env } from '@journey/platform';

export interface Config {
  port: number;
  host: string;
  /** `postgres://…` for PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
  databaseUrl: string;
  jwtSecret: string;
  /** True when the secret is the built-in development default. */
  insecureSecret: boolean;
  workers: number;
}

// Safe only because the lab binds to localhost; main.ts warns loudly whenever it is used.
const DEV_SECRET = 'backend-journey-dev-secret-change-me';

export function loadConfig(): Config {
  const jwtSecret = env.string('JWT_SECRET');
  return {
    port: env.integer('PORT', 3000, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    databaseUrl: env.string('DATABASE_URL', '.journey/monolith.sqlite')!,
    jwtSecret: jwtSecret ?? DEV_SECRET,
    insecureSecret: jwtSecret === undefined,
    workers: env.integer('WORKERS', 1, { min: 1, max: 64 }),
  };
}
