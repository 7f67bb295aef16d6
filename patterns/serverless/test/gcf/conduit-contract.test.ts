import { describeConduitContract } from '@journey/testkit';
import { migrateConduitDatabase } from '../../core/migrate.js';
import { type GcfRuntime, startGcfRuntime } from './gcf-runtime.js';

/**
 * The Conduit suites (conformance, official Postman, bad input, concurrency) against the functions as
 * the local GCF runtime serves them: one functions-framework process per function behind the gateway,
 * on a fresh SQLite file and a fresh PostgreSQL database, migrated first as the deploy step does.
 */
await describeConduitContract('serverless-gcf', async ({ databaseUrl, jwtSecret }) => {
  await migrateConduitDatabase(databaseUrl);
  let runtime: GcfRuntime | undefined;
  return {
    app: {
      async listen() {
        runtime = await startGcfRuntime({ DATABASE_URL: databaseUrl, JWT_SECRET: jwtSecret });
        return runtime.url;
      },
    },
    close: async () => {
      await runtime?.stop();
    },
  };
});
