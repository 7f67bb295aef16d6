import cluster from 'node:cluster';
import { createLogger, jwtSecretOf, onShutdown } from '@journey/platform';
import { buildApp, migrateDatabase } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const log = createLogger(cluster.isPrimary ? 'monolith' : `monolith-worker-${cluster.worker?.id}`);

async function serve(runMigrations: boolean) {
  const { app, close } = await buildApp({
    databaseUrl: config.databaseUrl,
    jwtSecret: config.jwtSecret,
    logger: log,
    migrate: runMigrations,
  });
  onShutdown(log, close);
  const address = await app.listen({ port: config.port, host: config.host });
  log.info({ address, workers: config.workers }, 'Conduit API listening');
}

/**
 * pattern: scaling a monolith out means running more copies of the whole thing. node:cluster lets
 * N processes share one port; they share the one database too, which is where the limit moves.
 */
async function primary() {
  // Warned once, by the primary: workers read the same setting.
  jwtSecretOf(config, log);
  if (config.workers === 1) return serve(true);

  if (config.databaseUrl === ':memory:')
    throw new Error('--workers needs a database file or PostgreSQL, not :memory:');
  await migrateDatabase(config.databaseUrl);

  let stopping = false;
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error({ worker: worker.id, code, signal }, 'worker died, starting a replacement');
    cluster.fork();
  });
  onShutdown(log, async () => {
    stopping = true;
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) => new Promise((resolve) => worker?.once('exit', resolve).process.kill('SIGTERM')),
    );
    await Promise.all(exits);
  });
}

const start = cluster.isPrimary ? primary() : serve(false);
start.catch((error: unknown) => {
  log.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
