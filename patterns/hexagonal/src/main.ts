import { createLogger, jwtSecretOf, onShutdown } from '@journey/platform';
import { buildApp, loadConfig } from './bootstrap.js';

const config = loadConfig();
const log = createLogger('hexagonal');

async function main() {
  const { app, core, close } = await buildApp({
    databaseUrl: config.databaseUrl,
    jwtSecret: jwtSecretOf(config, log),
    logger: log,
  });
  onShutdown(log, close);
  const address = await app.listen({ port: config.port, host: config.host });
  log.info({ address, storage: core.storage.describe }, 'Conduit API listening');
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
