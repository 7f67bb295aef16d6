import { env } from './config.js';
import { type JwtSecretSetting, readJwtSecret } from './jwt-secret.js';

export interface ServerSettings extends JwtSecretSetting {
  port: number;
  host: string;
  /** `postgres://…` for PostgreSQL; anything else is a SQLite file path (or `:memory:`). */
  databaseUrl: string;
}

/** PORT, HOST, DATABASE_URL and JWT_SECRET, as every single-process Conduit reads them. */
export function serverSettings(defaultDatabaseUrl: string): ServerSettings {
  return {
    port: env.integer('PORT', 3000, { max: 65_535 }),
    host: env.string('HOST', '127.0.0.1')!,
    databaseUrl: env.string('DATABASE_URL', defaultDatabaseUrl)!,
    ...readJwtSecret(),
  };
}
