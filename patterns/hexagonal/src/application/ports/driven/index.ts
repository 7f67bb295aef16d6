import type { Clock } from './clock.port.js';
import type { IdGenerator } from './id-generator.port.js';
import type { PasswordHasher } from './password-hasher.port.js';
import type { TokenService } from './token-service.port.js';
import type { Repositories, UnitOfWork } from './unit-of-work.port.js';

export * from './already-taken.error.js';
export type * from './article.repository.port.js';
export type * from './clock.port.js';
export type * from './comment.repository.port.js';
export type * from './follow.repository.port.js';
export type * from './id-generator.port.js';
export type * from './password-hasher.port.js';
export type * from './token-service.port.js';
export type * from './unit-of-work.port.js';
export type * from './user.repository.port.js';

/** Everything the core needs from the outside world; `bootstrap.ts` decides who provides each. */
export interface DrivenPorts extends Repositories {
  uow: UnitOfWork;
  passwords: PasswordHasher;
  tokens: TokenService;
  clock: Clock;
  ids: IdGenerator;
}
