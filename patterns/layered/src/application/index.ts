import { openDataAccess } from '../persistence/data-access.js';
import { createArticlesService } from './articles.service.js';
import { createAuthService } from './auth.service.js';
import { type Clock, systemClock } from './clock.js';
import { createCommentsService } from './comments.service.js';
import type { ServiceDeps } from './deps.js';
import { createHealthService } from './health.service.js';
import { createProfilesService } from './profiles.service.js';
import { scryptPasswords } from './security/passwords.js';
import { jwtTokens } from './security/tokens.js';
import { createUsersService } from './users.service.js';

/** The application layer's whole surface: the one thing the http layer is given. */
export function createApplication(deps: ServiceDeps) {
  return {
    auth: createAuthService(deps),
    users: createUsersService(deps),
    profiles: createProfilesService(deps),
    articles: createArticlesService(deps),
    comments: createCommentsService(deps),
    health: createHealthService(deps),
    // Handed up untouched: http answers repeats, and the transactions this layer opens claim the key.
    idempotencyKeys: deps.data.idempotencyKeys,
    close: () => deps.data.close(),
  };
}

export type Application = ReturnType<typeof createApplication>;

export interface ApplicationOptions {
  /** `postgres://…` for PostgreSQL; anything else is a SQLite path (or `:memory:`). */
  databaseUrl: string;
  jwtSecret: string;
  /** Run migrations on start (default true). */
  migrate?: boolean;
  clock?: Clock;
}

/** The application over the real database, real scrypt and real JWTs. */
export async function openApplication(options: ApplicationOptions): Promise<Application> {
  const data = await openDataAccess(options.databaseUrl, { migrate: options.migrate ?? true });
  return createApplication({
    data,
    passwords: scryptPasswords(),
    tokens: jwtTokens(options.jwtSecret),
    clock: options.clock ?? systemClock,
  });
}

export { Forbidden, NotFound, Unauthorized } from './errors.js';
export type * from './views.js';
