import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's work factors; they are written into every hash, so each hash is verified with its own. */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

// OWASP's scrypt baseline is N=2^17; 2^15 keeps a registration near 30 ms on the lab's 2-core machine.
// Raising it later does not lock anyone out: old hashes carry the cost they were made with.
export const SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

// Twice what the default cost needs (128·N·r bytes); a stored cost beyond it is refused, not run.
const MAX_MEMORY = 64 * 1024 * 1024;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const SCHEME = 'scrypt';

function derive(password: string, salt: Buffer, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    // NFKC: the same password typed on another keyboard or OS composes to the same bytes.
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * `scrypt$N$r$p$salt$key` (salt and key base64url): the format every pattern has stored since its
 * first migration, so existing databases keep logging people in.
 */
export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return [SCHEME, cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Error codes node:crypto gives for work factors it will not run: the hash is unreadable, not the server broken. */
const UNUSABLE_COST = new Set(['ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'ERR_OUT_OF_RANGE']);

/**
 * True only when `password` is the one `stored` was made from. False for a wrong password and for a
 * stored value that is not a readable scrypt hash (never throws for those). Compared in constant time.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6) return false;
  const [scheme, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (
    scheme !== SCHEME ||
    !salt ||
    !key ||
    !Object.values(cost).every((v) => Number.isSafeInteger(v) && v > 0)
  )
    return false;
  const expected = Buffer.from(key, 'base64url');
  let actual: Buffer;
  try {
    actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  } catch (error) {
    if (UNUSABLE_COST.has((error as { code?: string }).code ?? '')) return false;
    throw error;
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
