import { createServiceServer as createConduitServiceServer, type Readiness } from '@journey/conduit-http';
import type { IdempotencyKeys } from '@journey/conduit-sql';
import type { FastifyBaseLogger } from 'fastify';

/**
 * The lab's service server over the service's own database: `/health`, `/ready`, and repeated writes
 * answered from the keys that database keeps (ADR 0011).
 */
export const createServiceServer = (
  service: string,
  logger: FastifyBaseLogger,
  database: Readiness & { idempotencyKeys: IdempotencyKeys },
) => createConduitServiceServer(service, logger, database, { idempotency: database.idempotencyKeys });
