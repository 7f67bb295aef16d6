import { errors, jwtVerify, SignJWT } from 'jose';

/** Proof of who is calling: what every Conduit variant hands out at login and checks per request. */
export interface UserTokens {
  issue(userId: number): Promise<string>;
  /** The user id inside a valid token, or null for a forged, expired or malformed one. */
  verify(token: string): Promise<number | null>;
}

const ALGORITHM = 'HS256';
const ISSUER = 'backend-journey';

/** Signed JWTs (HS256): any process holding the secret can verify them, nothing is stored. */
export function createJwtTokens(secret: string, lifetime = '7d'): UserTokens {
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
        // Pinning the algorithm rejects `alg: none` and key-confusion tokens.
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
