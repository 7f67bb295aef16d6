import { downstreamUrl, runService } from '@journey/microservices-service-kit';
import { env, jwtSecretOf, readJwtSecret } from '@journey/platform';
import { buildGateway } from './app.js';
import { DEFAULT_GATEWAY_BUDGETS } from './budgets.js';

const { call, passwordHashingMs } = DEFAULT_GATEWAY_BUDGETS;

runService('gateway', (logger) =>
  buildGateway({
    jwtSecret: jwtSecretOf(readJwtSecret(), logger),
    logger,
    urls: {
      identity: downstreamUrl('identity'),
      profiles: downstreamUrl('profiles'),
      articles: downstreamUrl('articles'),
      comments: downstreamUrl('comments'),
    },
    budgets: {
      call: {
        ...call,
        timeoutMs: env.integer('DOWNSTREAM_TIMEOUT_MS', call.timeoutMs, { min: 1 }),
        halfOpenAfterMs: env.integer('BREAKER_HALF_OPEN_MS', call.halfOpenAfterMs, { min: 1 }),
      },
      passwordHashingMs: env.integer('PASSWORD_HASHING_TIMEOUT_MS', passwordHashingMs, { min: 1 }),
    },
  }),
);
