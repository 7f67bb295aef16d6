import { DEFAULT_RESILIENCE } from '@journey/microservices-service-client';
import { downstreamUrl, runService } from '@journey/microservices-service-kit';
import { env, jwtSecretOf, readJwtSecret } from '@journey/platform';
import { buildGateway } from './app.js';

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
    resilience: {
      ...DEFAULT_RESILIENCE,
      timeoutMs: env.integer('DOWNSTREAM_TIMEOUT_MS', DEFAULT_RESILIENCE.timeoutMs, { min: 1 }),
      halfOpenAfterMs: env.integer('BREAKER_HALF_OPEN_MS', DEFAULT_RESILIENCE.halfOpenAfterMs, { min: 1 }),
    },
  }),
);
