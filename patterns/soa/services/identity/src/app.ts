import { createJwtTokens, type Logger, type ServiceProcess } from '@journey/platform';
import { contractOf } from '@journey/soa-contracts';
import { buildSoapService, type EnterpriseData, type ServiceEndpoint } from '@journey/soa-service-host';
import { identityOperations } from './identity.operations.js';

/** The contracts the identity process serves: IdentityService v1. */
export function identityEndpoints(data: EnterpriseData, jwtSecret: string): ServiceEndpoint[] {
  return [
    {
      contract: contractOf('identity', 1),
      implementation: identityOperations(data, createJwtTokens(jwtSecret)),
    },
  ];
}

export interface IdentityOptions {
  /** The enterprise database (`postgres://…` or a SQLite file). */
  databaseUrl: string;
  /** The lab's JWT secret: identity signs the tokens the bus verifies. */
  jwtSecret: string;
  logger: Logger;
  /** The registry to announce itself to; without it, identity serves unregistered (tests). */
  registry?: string;
}

/** The identity process, not yet listening: `await (await buildIdentity(…)).app.listen({ port: 0, host })`. */
export function buildIdentity(options: IdentityOptions): Promise<ServiceProcess> {
  return buildSoapService({
    service: 'identity',
    databaseUrl: options.databaseUrl,
    logger: options.logger,
    registry: options.registry,
    endpoints: (data) => identityEndpoints(data, options.jwtSecret),
  });
}
