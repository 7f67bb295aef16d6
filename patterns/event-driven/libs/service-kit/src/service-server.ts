import {
  type ConduitServer,
  createServiceServer as createConduitServiceServer,
  type IdempotencyStore,
  type Readiness,
} from '@journey/conduit-http';
import type { FastifyBaseLogger } from 'fastify';
import type { Messaging } from './messaging.js';
import { consumerRoutes } from './messaging.routes.js';

export interface ServiceResources extends Readiness {
  idempotencyKeys: IdempotencyStore;
  close(): Promise<void>;
}

/**
 * A service's HTTP server: what every service behind a gateway serves (@journey/conduit-http: the
 * Conduit error shape, `/health`, `/ready`), and on a consuming service `/events/applied` and
 * `/dead-letters`; a command repeated with its Idempotency-Key gets its first answer. Closing it releases waiting long polls first, then stops messaging and the database.
 */
export async function createServiceServer(
  service: string,
  logger: FastifyBaseLogger,
  database: ServiceResources,
  messaging: Pick<Messaging<unknown>, 'consumer' | 'close'>,
): Promise<ConduitServer> {
  const app = await createConduitServiceServer(service, logger, database, {
    idempotency: database.idempotencyKeys,
  });
  if (messaging.consumer) consumerRoutes(app, messaging.consumer);
  app.addHook('preClose', async () => messaging.consumer?.appliedWaiter.close());
  app.addHook('onClose', async () => {
    await messaging.close();
    await database.close();
  });
  return app;
}
