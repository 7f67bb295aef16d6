import type { BuildConduit } from '@journey/testkit';
import { closeFunctionDatabase } from '../../core/database.js';
import { migrateConduitDatabase } from '../../core/migrate.js';
import { startFunctionHost } from './function-host.js';

const SETTINGS = ['DATABASE_URL', 'JWT_SECRET', 'DATABASE_POOL_MAX', 'LOG_LEVEL'] as const;

/**
 * The six functions behind the test host, on the database the testkit provisioned: migrated first
 * (the deploy step), then configured through the environment as a platform would configure them.
 * The functions read their settings from process.env, so one build at a time per process.
 */
export const buildServerlessConduit: BuildConduit = async ({ databaseUrl, jwtSecret }) => {
  const previous = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
  await migrateConduitDatabase(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  process.env.JWT_SECRET = jwtSecret;
  // One info line per invocation is for the lab to read; thousands of them would bury a failing suite.
  process.env.LOG_LEVEL ??= 'warn';
  let host: Awaited<ReturnType<typeof startFunctionHost>> | undefined;
  return {
    app: {
      async listen() {
        host = await startFunctionHost();
        return host.baseUrl;
      },
    },
    async close() {
      await host?.close();
      await closeFunctionDatabase();
      for (const name of SETTINGS) {
        if (previous[name] === undefined) delete process.env[name];
        else process.env[name] = previous[name];
      }
    },
  };
};
