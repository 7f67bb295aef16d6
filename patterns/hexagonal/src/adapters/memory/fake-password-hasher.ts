import type { PasswordHasher } from '../../application/ports/driven/index.js';

/**
 * For tests only: no work factor, so a use-case suite registering hundreds of users stays fast.
 * The real adapter (`security/scrypt-password-hasher.ts`) passes the same port contract.
 */
export function fakePasswordHasher(): PasswordHasher {
  const PREFIX = 'fake$';
  return {
    async hash(password) {
      return `${PREFIX}${[...password].reverse().join('')}`;
    },
    async verify(password, hash) {
      return hash.startsWith(PREFIX) && hash === `${PREFIX}${[...password].reverse().join('')}`;
    },
  };
}
