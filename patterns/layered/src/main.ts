import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, onShutdown } from '@journey/platform';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';

const log = createLogger('layered');

async function main() {
  const config = loadConfig();
  if (config.insecureSecret)
    log.warn('JWT_SECRET is not set: using the development secret. Never expose this server.');
  // A SQLite file's folder must exist before the file can be created.
  if (!/^postgres(ql)?:/.test(config.databaseUrl) && config.databaseUrl !== ':memory:') {
    mkdirSync(dirname(config.databaseUrl.replace(/^(sqlite|file):(\/\/)?/, '')), { recursive: true });
  }
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
