import type { Logger } from '@journey/platform';
import { instrumentServer } from '@journey/telemetry';
import { registryRoutes } from './registry.routes.js';
import { createRegistryServer } from './registry-server.js';
import { createRegistryTable } from './registry-table.js';

export interface RegistryOptions {
  logger: Logger;
  /** How long a registration lasts without a heartbeat; clients beat at a fraction of it. */
  leaseMs: number;
  /** Milliseconds since the epoch; tests inject a clock to expire leases without sleeping. */
  now?: () => number;
  maxInstances?: number;
}

/**
 * The service registry, built but not listening. Its table lives in memory on purpose: every live
 * instance re-announces itself within one lease, so a restarted registry is whole again after one lease
 * without a database to run, migrate or back up (ADR 13).
 */
export function buildRegistry({ logger, leaseMs, now, maxInstances }: RegistryOptions) {
  const table = createRegistryTable({
    leaseMs,
    now,
    maxInstances,
    onExpired: ({ name, version, id, endpoint }) =>
      logger.warn(
        { service: name, version, id, endpoint },
        'lease expired without a heartbeat, instance dropped',
      ),
  });
  const app = createRegistryServer(logger);
  // Counted, so the lab draws its traffic; not traced: heartbeats would bury the requests a learner follows.
  instrumentServer(app, 'registry', { traced: false });
  app.get('/health', async () => ({ status: 'ok', service: 'registry' }));
  registryRoutes(app, table, logger);
  return { app, table, close: () => app.close() };
}
