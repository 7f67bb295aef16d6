import { hashPassword, verifyPassword } from '@journey/platform';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

/** The application's password seam over the shared scrypt implementation; tests swap in a fake. */
export const scryptPasswords = (): PasswordHasher => ({
  hash: (password) => hashPassword(password),
  verify: verifyPassword,
});
