import { env } from '@journey/platform';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  jwtSecret: string;
  /** True when JWT_SECRET was not set and the development default is in use. */
  insecureSecret: boolean;
}

// Acceptable only because the lab binds to localhost; main.ts warns whenever it is used.
const DEV_SECRET = 'backend-journey-dev-secret-change-me';

export function loadConfig(): Config {
  const jwtSecret = env.string('JWT_SECRET');
  return {
    port: env.integer('PORT', 3000, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    databaseUrl: env.string('DATABASE_URL', '.journey/layered.sqlite')!,
    jwtSecret: jwtSecret ?? DEV_SECRET,
    insecureSecret: jwtSecret === undefined,
  };
}
