import { registerConduitApi } from '@journey/conduit-http';
import { idempotencyKeys, openDatabase } from '@journey/conduit-sql';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { migrate } from './database/migrations.js';
import { tablesOf } from './database/module-tables.js';
import type { Database } from './database/schema.js';
import { unitOfWork } from './database/unit-of-work.js';
import { type App, createServer } from './http/server.js';
import { type ArticlesTables, createArticlesModule } from './modules/articles/index.js';
import { type CommentsTables, createCommentsModule } from './modules/comments/index.js';
import { createProfilesModule, type ProfilesTables } from './modules/profiles/index.js';
import { createTokenService, createUsersModule, type UsersTables } from './modules/users/index.js';

export interface AppOptions {
  databaseUrl: string;
  jwtSecret: string;
  logger: FastifyBaseLogger;
  /** Run migrations on start; the cluster primary does it once instead of every worker racing. */
  migrate?: boolean;
}

export interface Monolith {
  app: App;
  /** Stops accepting requests, finishes in-flight ones, then closes the database. */
  close(): Promise<void>;
}

/** Brings the database to the latest schema, then closes it: what the cluster primary does before forking. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const { db, dialect } = openDatabase<Database>(databaseUrl);
  try {
    await migrate(db as Kysely<unknown>, dialect);
  } finally {
    await db.destroy();
  }
}

/**
 * The composition root: one database connection, four modules wired through their public APIs,
 * one HTTP server. Builds without listening, so tests can start it on port 0.
 */
export async function buildApp(options: AppOptions): Promise<Monolith> {
  const { db, dialect, describe } = openDatabase<Database>(options.databaseUrl);
  if (options.migrate !== false) await migrate(db as Kysely<unknown>, dialect);

  const uow = unitOfWork(db, dialect);
  const tokens = createTokenService(options.jwtSecret);
  const users = createUsersModule(tablesOf<UsersTables>(db), tokens);
  const profiles = createProfilesModule(tablesOf<ProfilesTables>(db), users.api);
  const articles = createArticlesModule({
    db: tablesOf<ArticlesTables>(db),
    uow: uow<ArticlesTables>(),
    users: users.api,
    profiles: profiles.api,
  });
  const comments = createCommentsModule({
    db: tablesOf<CommentsTables>(db),
    tablesIn: (tx) => tablesOf<CommentsTables>(tx),
    articles: articles.api,
    profiles: profiles.api,
  });

  const app = await createServer(options.logger);
  app.get('/health', async (_req, reply) => {
    await sql`select 1`.execute(db);
    return reply.send({ status: 'ok', database: describe });
  });
  await registerConduitApi(
    app,
    { ...users.handlers, ...profiles.handlers, ...articles.handlers, ...comments.handlers },
    tokens.verify,
    // pattern: one database, so a write and its Idempotency-Key commit in one transaction (ADR 0011).
    { idempotency: idempotencyKeys(db) },
  );

  app.addHook('onClose', async () => db.destroy());
  return { app, close: () => app.close() };
}
