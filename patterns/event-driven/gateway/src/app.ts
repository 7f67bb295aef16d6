import {
  type ConduitServer,
  createConduitServer,
  forwardIdempotencyKeys,
  registerConduitApi,
} from '@journey/conduit-http';
import { createJwtTokens, type Logger } from '@journey/platform';
import { collectAnswerHeaders } from './answer-headers.js';
import { DEFAULT_GATEWAY_BUDGETS } from './budgets.js';
import { commandsWith } from './command.js';
import { articlesHandlers } from './handlers/articles.handlers.js';
import { commentsHandlers } from './handlers/comments.handlers.js';
import { profilesHandlers } from './handlers/profiles.handlers.js';
import { usersHandlers } from './handlers/users.handlers.js';
import { createReadYourWrites } from './read-your-writes.js';
import { answerServiceFailures } from './service-failures.js';
import { connectServices } from './services.js';
import { DEFAULT_READ_YOUR_WRITES_WAIT_MS, type GatewaySettings } from './settings.js';
import { writtenAnswers } from './written-answers.js';

export interface GatewayOptions extends Partial<Omit<GatewaySettings, 'urls'>> {
  urls: GatewaySettings['urls'];
  jwtSecret: string;
  logger: Logger;
}

/**
 * pattern: the gateway of an event-driven system — the one public door, owning no data. It checks
 * tokens, sends each command to the service that owns the data and each read to the read models,
 * and in between waits (bounded) until the command's events are applied, so a writer reads their
 * own write. Services never call each other; only the gateway knows them all.
 */
export async function buildGateway(options: GatewayOptions) {
  const { logger, budgets = DEFAULT_GATEWAY_BUDGETS } = options;
  const services = connectServices(options.urls, logger, budgets.call);
  const readYourWrites = createReadYourWrites(
    { profiles: services.profiles, comments: services.comments, views: services.views },
    options.readYourWritesWaitMs ?? DEFAULT_READ_YOUR_WRITES_WAIT_MS,
    logger,
  );
  const command = commandsWith(readYourWrites);
  const written = writtenAnswers(services);
  // The gateway is the one place that checks tokens; services get the user id in a header.
  const tokens = createJwtTokens(options.jwtSecret);

  const app = await createConduitServer(logger);
  collectAnswerHeaders(app);
  // Liveness, plus each service's breaker, so a learner (and a test) can watch one open.
  app.get('/health', async () => ({
    status: 'ok',
    breakers: Object.fromEntries(Object.values(services).map((s) => [s.name, s.breakerState()])),
  }));
  // pattern: a command's Idempotency-Key travels with it to the service that owns the write, which
  // stores it in the transaction that writes the change and its event.
  forwardIdempotencyKeys(app);
  await app.register(async (scope) => {
    answerServiceFailures(scope);
    await registerConduitApi(
      scope as ConduitServer,
      {
        ...usersHandlers(services, command, budgets),
        ...profilesHandlers(services, command),
        ...articlesHandlers(services, command, written),
        ...commentsHandlers(services, command, written),
      },
      tokens.verify,
    );
  });
  app.addHook('onClose', async () => {
    await Promise.all(Object.values(services).map((service) => service.close()));
  });
  return { app, close: () => app.close() };
}
