import { env } from '@journey/platform';

/** A function instance's settings, read from its environment when first needed. */
export interface FunctionSettings {
  /** postgres://… (the default for functions), or a SQLite file for a single instance. */
  databaseUrl: string;
  /** Connections one warm instance may hold; issue 15's connection-exhaustion experiment varies it. */
  poolMax: number;
}

/**
 * One connection: a Lambda instance serves one invocation at a time, so more would sit idle while
 * counting against PostgreSQL's limit. A runtime whose instances serve concurrent requests (Cloud
 * Functions 2nd gen) passes a bigger DATABASE_POOL_MAX.
 */
export const DEFAULT_POOL_MAX = 1;

export function functionSettings(): FunctionSettings {
  const databaseUrl = env.string('DATABASE_URL');
  if (databaseUrl === undefined) {
    throw new Error(
      'DATABASE_URL is not set: a Conduit function needs postgres://… (or a SQLite file when a single instance runs)',
    );
  }
  return { databaseUrl, poolMax: env.integer('DATABASE_POOL_MAX', DEFAULT_POOL_MAX, { min: 1, max: 100 }) };
}
