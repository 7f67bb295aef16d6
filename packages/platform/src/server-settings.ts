import { env } from './config.js';

export interface ServerSettings {
  port: number;
  host: string;
  /** `postgres://…` for PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
  databaseUrl: string;
  jwtSecret: string;
  /** True when JWT_SECRET was not set and the development default is in use: say so loudly. */
  insecureSecret: boolean;
}

// Acceptable only because the lab binds to localhost; every process that uses it warns.
const DEV_SECRET = 'backend-journey-dev-secret-change-me';

/** PORT, HOST, DATABASE_URL and JWT_SECRET, as every single-process Conduit reads them. */
export function serverSettings(defaultDatabaseUrl: string): ServerSettings {
  const jwtSecret = env.string('JWT_SECRET');
  return {
    port: env.integer('PORT', 3000, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    databaseUrl: env.string('DATABASE_URL', defaultDatabaseUrl)!,
    jwtSecret: jwtSecret ?? DEV_SECRET,
    insecureSecret: jwtSecret === undefined,
  };
}
