import { createLogger, onShutdown, serverSettings } from '@journey/platform';
import { buildApp } from './app.js';

const log = createLogger('layered');

async function main() {
  const config = serverSettings('.journey/layered.sqlite');
  if (config.insecureSecret)
    log.warn('JWT_SECRET is not set: using the development secret. Never expose this server.');
  const { app, close } = await buildApp({
    databaseUrl: config.databaseUrl,
    jwtSecret: config.jwtSecret,
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
