import { join } from 'node:path';
import { dataDir, serverSettings } from '@journey/platform';
import type { FastifyBaseLogger } from 'fastify';
import { httpAdapter } from './adapters/http/http-app.js';
import type { App } from './adapters/http/server.js';
import { memoryStorage } from './adapters/memory/memory-storage.js';
import { isPostgresUrl, postgresStorage } from './adapters/postgres/postgres-storage.js';
import { jwtTokenService } from './adapters/security/jwt-token-service.js';
import { scryptPasswordHasher } from './adapters/security/scrypt-password-hasher.js';
import { sqliteStorage } from './adapters/sqlite/sqlite-storage.js';
import type { Storage } from './adapters/storage.js';
import { randomIdGenerator } from './adapters/system/random-id-generator.js';
import { systemClock } from './adapters/system/system-clock.js';
import { createConduit } from './application/conduit.js';
import type { DrivenPorts } from './application/ports/driven/index.js';
import type { Conduit } from './application/ports/driving/use-cases.port.js';

/**
 * Settings from the environment. The SQLite default is the file `journey up hexagonal` uses, so the
 * admin CLI and the server see the same data without being told where it is.
 */
export const loadConfig = () => serverSettings(join(dataDir(), 'data', 'hexagonal', 'db.sqlite'));

export interface BootstrapOptions {
  databaseUrl: string;
  /** Needed unless `overrides.tokens` replaces the JWT adapter. */
  jwtSecret?: string;
  /** Run migrations when opening a SQL database (default true). */
  migrate?: boolean;
  /**
   * Replace any driven adapter. Tests pass fakes here (a stepping clock, a fast hasher), in the
   * cosmicpython style: no mocking library, just another adapter for the same port.
   */
  overrides?: Partial<DrivenPorts>;
}

export interface Core {
  /** The driving port: what the HTTP and CLI adapters call. */
  conduit: Conduit;
  storage: Storage;
  close(): Promise<void>;
}

/** `memory:` selects the in-memory adapters, `postgres://…` PostgreSQL, anything else a SQLite file. */
export async function openStorage(
  databaseUrl: string,
  options: { migrate?: boolean } = {},
): Promise<Storage> {
  if (databaseUrl === 'memory:') return memoryStorage();
  if (isPostgresUrl(databaseUrl)) return postgresStorage(databaseUrl, options);
  return sqliteStorage(databaseUrl, options);
}

/**
 * pattern: the one composition root. Every decision about which adapter fills which port is made
 * here and nowhere else; the core below it and the driving adapters above it never choose.
 */
export async function bootstrap(options: BootstrapOptions): Promise<Core> {
  const storage = await openStorage(options.databaseUrl, { migrate: options.migrate ?? true });
  const tokens =
    options.overrides?.tokens ??
    (options.jwtSecret === undefined
      ? missing('jwtSecret (or overrides.tokens)')
      : jwtTokenService(options.jwtSecret));
  const ports: DrivenPorts = {
    users: storage.users,
    follows: storage.follows,
    articles: storage.articles,
    comments: storage.comments,
    uow: storage.uow,
    passwords: scryptPasswordHasher(),
    clock: systemClock(),
    ids: randomIdGenerator(),
    ...options.overrides,
    tokens,
  };
  return { conduit: createConduit(ports), storage, close: () => storage.close() };
}

function missing(what: string): never {
  throw new Error(`bootstrap needs ${what}`);
}

export interface HttpApp {
  app: App;
  core: Core;
  /** Stops accepting requests, finishes in-flight ones, then closes the storage. */
  close(): Promise<void>;
}

/** The core behind the HTTP adapter, built without listening: tests start it on port 0. */
export async function buildApp(options: BootstrapOptions & { logger: FastifyBaseLogger }): Promise<HttpApp> {
  const core = await bootstrap(options);
  const app = await httpAdapter({
    conduit: core.conduit,
    logger: options.logger,
    health: async () => {
      await core.storage.ping();
      return { database: core.storage.describe };
    },
    idempotency: core.storage.idempotencyKeys,
  });
  app.addHook('onClose', () => core.close());
  return { app, core, close: () => app.close() };
}
