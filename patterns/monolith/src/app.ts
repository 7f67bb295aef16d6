import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { connect } from './database/connection.js';
import { migrate } from './database/migrations.js';
import { tablesOf } from './database/module-tables.js';
import { unitOfWork } from './database/unit-of-work.js';
import { authentication } from './http/authentication.js';
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

/**
 * The composition root: one database connection, four modules wired through their public APIs,
 * one HTTP server. Builds without listening, so tests can start it on port 0.
 */
export async function buildApp(options: AppOptions): Promise<Monolith> {
  const connection = connect(options.databaseUrl);
  const { db } = connection;
  if (options.migrate !== false) await migrate(db as Kysely<unknown>, connection.dialect);

  const uow = unitOfWork(connection);
  const tokens = createTokenService(options.jwtSecret);
  const users = createUsersModule(tablesOf<UsersTables>(db), tokens);
  const profiles = createProfilesModule(tablesOf<ProfilesTables>(db), users.api);
  const articles = createArticlesModule({
    db: tablesOf<ArticlesTables>(db),
    uow,
    users: users.api,
    profiles: profiles.api,
  });
  const comments = createCommentsModule(tablesOf<CommentsTables>(db), articles.api, profiles.api);

  const app = await createServer(options.logger);
  const auth = authentication(tokens);
  app.get('/health', async (_req, reply) => {
    await sql`select 1`.execute(db);
    return reply.send({ status: 'ok', database: connection.describe });
  });
  await app.register(
    async (api) => {
      const typed = api as App;
      users.routes(typed, auth);
      profiles.routes(typed, auth);
      articles.routes(typed, auth);
      comments.routes(typed, auth);
    },
    { prefix: '/api' },
  );

  app.addHook('onClose', async () => db.destroy());
  return { app, close: () => app.close() };
}

export { connect } from './database/connection.js';
export { migrate } from './database/migrations.js';
