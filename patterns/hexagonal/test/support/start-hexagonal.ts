import { provisionDatabase } from '@journey/orchestrator';
import { createLogger } from '@journey/platform';
import { buildApp } from '../../src/bootstrap.js';

export type E2eStorage = 'memory' | 'sqlite' | 'postgres';

/** The real server (JWT, scrypt) in this test process on a fresh database, listening on a free port. */
export async function startHexagonal(storage: E2eStorage) {
  const database =
    storage === 'memory'
      ? { url: 'memory:', dispose: async () => {} }
      : await provisionDatabase('hexagonal', 'test', storage, { fresh: true });
  const { app, close } = await buildApp({
    databaseUrl: database.url,
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256',
    logger: createLogger('hexagonal-test', 'warn'),
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
