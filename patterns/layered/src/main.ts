import { createLogger, jwtSecretOf, onShutdown, serverSettings } from '@journey/platform';
import { buildApp } from './app.js';

const log = createLogger('layered');

async function main() {
  const config = serverSettings('.journey/layered.sqlite');
  const { app, close } = await buildApp({
    databaseUrl: config.databaseUrl,
    jwtSecret: jwtSecretOf(config, log),
    logger: log,
  });
  onShutdown(log, close);
  const address = await app.listen({ port: config.port, host: config.host });
  log.info({ address }, 'Conduit API listening');
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
