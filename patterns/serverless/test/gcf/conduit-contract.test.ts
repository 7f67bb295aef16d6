import { isPostgresUrl } from '@journey/conduit-sql';
import { describeConduitContract } from '@journey/testkit';
import { type RuntimeProcess, startRuntimeProcess } from '../local/runtime-process.js';

/**
 * The Conduit suites (conformance, official Postman, bad input, concurrency) against the functions as
 * the local runtime serves them on GCF: one functions-framework process per function behind the
 * gateway, on a fresh SQLite file (with --single) and a fresh PostgreSQL database, migrated first.
 */
await describeConduitContract('serverless-gcf', async ({ databaseUrl, jwtSecret }) => {
  let runtime: RuntimeProcess | undefined;
  return {
    app: {
      async listen() {
        runtime = await startRuntimeProcess({
          DATABASE_URL: databaseUrl,
          JWT_SECRET: jwtSecret,
          SERVERLESS_PLATFORM: 'gcf',
          ...(isPostgresUrl(databaseUrl) ? {} : { SERVERLESS_SINGLE: 'true' }),
        });
        return runtime.url;
      },
    },
    close: async () => {
      await runtime?.stop();
    },
  };
});
