import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../../application/ports/driven/index.js';

// OWASP's scrypt baseline is N=2^17; 2^15 keeps a registration near 30 ms on the lab's 2-core machine.
// The parameters are stored with each hash, so they can be raised later without breaking old logins.
const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;
const MAX_MEMORY = 64 * 1024 * 1024;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes as `scrypt$N$r$p$salt$hash` (base64url parts) with node:crypto — no native add-on to build. */
export function scryptPasswordHasher(params: { N: number; r: number; p: number } = DEFAULTS): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, params);
      return [
        'scrypt',
        params.N,
        params.r,
        params.p,
        salt.toString('base64url'),
        key.toString('base64url'),
      ].join('$');
    },
    async verify(password, stored) {
      const [scheme, n, r, p, salt, hash] = stored.split('$');
      const cost = { N: Number(n), r: Number(r), p: Number(p) };
      if (scheme !== 'scrypt' || !salt || !hash || !Object.values(cost).every(Number.isSafeInteger))
        return false;
      const expected = Buffer.from(hash, 'base64url');
      try {
        const key = await derive(password, Buffer.from(salt, 'base64url'), cost);
        return key.length === expected.length && timingSafeEqual(key, expected);
      } catch {
        // Parameters scrypt refuses (N not a power of two, too much memory) mean a hash we cannot read.
        return false;
      }
    },
  };
}
