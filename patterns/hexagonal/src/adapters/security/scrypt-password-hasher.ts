import { hashPassword, type ScryptCost, verifyPassword } from '@journey/platform';
import type { PasswordHasher } from '../../application/ports/driven/index.js';

/** The PasswordHasher port, adapted to the shared scrypt implementation (`scrypt$N$r$p$salt$key`). */
export const scryptPasswordHasher = (cost?: ScryptCost): PasswordHasher => ({
  hash: (password) => hashPassword(password, cost),
  verify: verifyPassword,
});
