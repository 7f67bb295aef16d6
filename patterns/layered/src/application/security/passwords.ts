import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

// OWASP's scrypt baseline is N=2^17; 2^15 keeps a registration near 30 ms on the lab's 2-core machine.
// The parameters are stored with each hash, so raising them later does not lock anyone out.
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

/** Hashes as `scrypt$N$r$p$salt$key` (base64url). */
export function scryptPasswords(): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, PARAMS);
      return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
    },
    async verify(password, stored) {
      const [scheme, n, r, p, salt, hash] = stored.split('$');
      if (scheme !== 'scrypt' || !salt || !hash) return false;
      const expected = Buffer.from(hash, 'base64url');
      const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem };
      const key = await derive(password, Buffer.from(salt, 'base64url'), options);
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}
