import { errors, jwtVerify, SignJWT } from 'jose';
import { createVerifiedTokens } from './verified-tokens.js';

/** Proof of who is calling: what every Conduit variant hands out at login and checks per request. */
export interface UserTokens {
  issue(userId: number): Promise<string>;
  /** The user id inside a valid token, or null for a forged, expired or malformed one. */
  verify(token: string): Promise<number | null>;
}

export interface JwtTokensOptions {
  /** The clock `verify` checks expiry against, in ms since the epoch (tests move it forward). */
  now?: () => number;
  /** How many verified tokens `verify` remembers. */
  cacheSize?: number;
}

const ALGORITHM = 'HS256';
const ISSUER = 'backend-journey';

/**
 * Signed JWTs (HS256): any process holding the secret can verify them, nothing is stored.
 *
 * A client sends the same token on every request, and checking its HMAC was about a fifth of a
 * write's CPU (issue 18), so a token whose signature checked out is remembered by its exact text
 * until its `exp`; a token differing by one byte is another key and is verified afresh. Rejections
 * are not remembered: anyone can make endless distinct forged tokens, so remembering them would
 * only spend memory, and a client turned away signs in again rather than repeat its token.
 */
export function createJwtTokens(
  secret: string,
  lifetime = '7d',
  { now = Date.now, cacheSize = 10_000 }: JwtTokensOptions = {},
): UserTokens {
  const key = new TextEncoder().encode(secret);
  const verified = createVerifiedTokens(cacheSize);
  return {
    issue: (userId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: ALGORITHM })
        .setSubject(String(userId))
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(lifetime)
        .sign(key),
    async verify(token) {
      const at = now();
      const known = verified.get(token, at);
      if (known) return known.userId;
      try {
        // Pinning the algorithm rejects `alg: none` and key-confusion tokens.
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          currentDate: new Date(at),
        });
        const id = Number(payload.sub);
        if (!Number.isSafeInteger(id) || id <= 0) return null;
        // jose rejects once exp <= floor(now / 1000), i.e. from exp * 1000 ms on; without exp it would never end.
        if (payload.exp !== undefined)
          verified.remember(token, { userId: id, expiresAt: payload.exp * 1000 });
        return id;
      } catch (error) {
        if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
        throw error;
      }
    },
  };
}
