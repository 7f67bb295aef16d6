import { type ConduitServer, createConduitServer, registerConduitApi } from '@journey/conduit-http';
import { createJwtTokens, type Logger } from '@journey/platform';
import { createResolver } from '@journey/soa-registry/client';
import { soapClient } from '@journey/soa-soap-kit';
import { createEnterpriseServices } from './calls/enterprise-services.js';
import { answerServiceFaults } from './faults/fault-answers.js';
import { articlesHandlers } from './handlers/articles.handlers.js';
import { commentsHandlers } from './handlers/comments.handlers.js';
import { profilesHandlers } from './handlers/profiles.handlers.js';
import { usersHandlers } from './handlers/users.handlers.js';
import { type CallBudgets, DEFAULT_CALL_BUDGETS } from './policies/budgets.js';
import { carryIdempotencyKeys } from './policies/idempotency-key.js';
import { type ConsumedContracts, DEFAULT_CONSUMED_CONTRACTS } from './routing/consumed-contracts.js';
import { createServiceRouter } from './routing/service-router.js';

export interface BusOptions {
  logger: Logger;
  /** The secret identity signs tokens with: the bus verifies them, services never see one. */
  jwtSecret: string;
  /** Where services are found; the bus knows no service address of its own. */
  registryUrl: string;
  /** Which major version of each contract to consume (engagement 2 by default). */
  consumed?: ConsumedContracts;
  budgets?: CallBudgets;
  /** How long a registry answer is reused (default 2 s); a test passes 0 to see a change at once. */
  registryCacheMs?: number;
}

/**
 * pattern: the mediation bus, SOA's integration layer and the only public process. It verifies the
 * client's token, routes each Conduit operation through the registry to the enterprise service that
 * offers it, transforms JSON to the canonical model and back, orchestrates the one composed read, and
 * applies the same policies (timeouts, retries, breakers, message log, traces) to every message.
 * It owns no data and no business rule. Not listening yet: `app.listen()` or runService does that.
 */
export async function buildBus(options: BusOptions) {
  const { logger, budgets = DEFAULT_CALL_BUDGETS, consumed = DEFAULT_CONSUMED_CONTRACTS } = options;
  const router = createServiceRouter({
    resolve: createResolver(options.registryUrl, { cacheMs: options.registryCacheMs }),
    buildClient: soapClient,
    timeoutMs: budgets.timeoutMs,
    log: logger,
  });
  const services = createEnterpriseServices(consumed, { router, budgets, log: logger });
  const tokens = createJwtTokens(options.jwtSecret);

  const app = await createConduitServer(logger);
  // Liveness, plus each service's breaker, so a learner (and a test) can watch one open.
  app.get('/health', async () => ({
    status: 'ok',
    breakers: Object.fromEntries(
      Object.values(services).map((service) => [service.name, service.breakerState()]),
    ),
  }));
  carryIdempotencyKeys(app);
  await app.register(async (scope) => {
    answerServiceFaults(scope);
    await registerConduitApi(
      scope as ConduitServer,
      {
        ...usersHandlers(services),
        ...profilesHandlers(services),
        ...articlesHandlers(services),
        ...commentsHandlers(services),
      },
      tokens.verify,
    );
  });
  return { app, close: () => app.close() };
}
