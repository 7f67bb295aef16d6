import { type DatabaseChoice, provisionDatabase } from '@journey/orchestrator';
import { createLogger } from '@journey/platform';
import { buildApp } from '../src/app.js';

/** The monolith in this test process on a fresh database, listening on a free port (practica style). */
export async function startMonolith(db: DatabaseChoice) {
  const database = await provisionDatabase('monolith', 'test', db, { fresh: true });
  const { app, close } = await buildApp({
    databaseUrl: database.url,
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256',
    logger: createLogger('monolith-test', 'warn'),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: address,
    async stop() {
      await close();
      await database.dispose();
    },
  };
}
