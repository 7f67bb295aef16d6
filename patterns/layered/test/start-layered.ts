import { type DatabaseChoice, provisionDatabase } from '@journey/orchestrator';
import { createLogger } from '@journey/platform';
import { buildApp } from '../src/app.js';

/** The layered build inside this test process, on a fresh database, on a free port. */
export async function startLayered(db: DatabaseChoice) {
  const database = await provisionDatabase('layered', 'test', db, { fresh: true });
  const { app, close } = await buildApp({
    databaseUrl: database.url,
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256',
    logger: createLogger('layered-test', 'warn'),
  });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl,
    async stop() {
      await close();
      await database.dispose();
    },
  };
}
