import {
  type ConduitServer,
  createConduitServer,
  forwardIdempotencyKeys,
  registerConduitApi,
} from '@journey/conduit-http';
import { answerDownstreamFailures, createDownstream } from '@journey/microservices-service-client';
import { createJwtTokens, type Logger } from '@journey/platform';
import { DEFAULT_GATEWAY_BUDGETS, type GatewayBudgets } from './budgets.js';
import { clientsOf, type Downstreams } from './clients/index.js';
import { articlesHandlers } from './handlers/articles.handlers.js';
import { commentsHandlers } from './handlers/comments.handlers.js';
import { profilesHandlers } from './handlers/profiles.handlers.js';
import { usersHandlers } from './handlers/users.handlers.js';

export interface GatewayOptions {
  jwtSecret: string;
  logger: Logger;
  /** Base URL of each service. */
  urls: Record<keyof Downstreams, string>;
  budgets?: GatewayBudgets;
}

/**
 * pattern: the API gateway — the one public door. It checks tokens, routes each Conduit endpoint to
 * the services that own the data, and composes their answers into the contract's shapes. It owns
 * no data and no business rule.
 */
export async function buildGateway(options: GatewayOptions) {
  const { logger, urls, budgets = DEFAULT_GATEWAY_BUDGETS } = options;
  const downstreams: Downstreams = {
    identity: createDownstream('identity', urls.identity, logger, budgets.call),
    profiles: createDownstream('profiles', urls.profiles, logger, budgets.call),
    articles: createDownstream('articles', urls.articles, logger, budgets.call),
    comments: createDownstream('comments', urls.comments, logger, budgets.call),
  };
  const clients = clientsOf(downstreams, budgets);
  // pattern: the gateway is the one place that checks tokens (ADR 0006); services get the user id only.
  const tokens = createJwtTokens(options.jwtSecret);

  const app = await createConduitServer(logger);
  // Liveness, plus each downstream's circuit breaker, so a learner (and a test) can watch one open.
  app.get('/health', async () => ({
    status: 'ok',
    breakers: Object.fromEntries(Object.values(downstreams).map((d) => [d.name, d.breakerState()])),
  }));
  // The contract's route table mounts every operation; this scope turns downstream failures into answers.
  // pattern: a write's Idempotency-Key travels with the command to the service that owns the write.
  forwardIdempotencyKeys(app);
  await app.register(async (scope) => {
    answerDownstreamFailures(scope);
    await registerConduitApi(
      scope as ConduitServer,
      {
        ...usersHandlers(clients),
        ...profilesHandlers(clients),
        ...articlesHandlers(clients),
        ...commentsHandlers(clients),
      },
      tokens.verify,
    );
  });
  app.addHook('onClose', async () => {
    await Promise.all(Object.values(downstreams).map((d) => d.close()));
  });
  return { app, close: () => app.close() };
}
