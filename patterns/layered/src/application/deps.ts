import type { DataAccess } from '../persistence/data-access.js';
import type { Clock } from './clock.js';
import type { PasswordHasher } from './security/passwords.js';
import type { TokenService } from './security/tokens.js';

/** What every service is built from. Unit tests pass fakes for all four; nothing here does I/O itself. */
export interface ServiceDeps {
  data: DataAccess;
  passwords: PasswordHasher;
  tokens: TokenService;
  clock: Clock;
}
