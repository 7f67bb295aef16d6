import { errors, jwtVerify, SignJWT } from 'jose';

export interface TokenService {
  issue(userId: number): Promise<string>;
  /** The user id in a valid token; null for a forged, expired or malformed one. */
  verify(token: string): Promise<number | null>;
}

const ALGORITHM = 'HS256';
const ISSUER = 'backend-journey';

export function jwtTokens(secret: string, lifetime = '7d'): TokenService {
  const key = new TextEncoder().encode(secret);
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
      try {
        // One pinned algorithm: `alg: none` and key-confusion tokens are refused.
        const { payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], issuer: ISSUER });
        const id = Number(payload.sub);
        return Number.isSafeInteger(id) && id > 0 ? id : null;
      } catch (error) {
        if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
        throw error;
      }
    },
  };
}
