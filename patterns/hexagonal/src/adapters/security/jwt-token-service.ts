import { errors, jwtVerify, SignJWT } from 'jose';
import type { TokenService } from '../../application/ports/driven/index.js';

const ALGORITHM = 'HS256';
const ISSUER = 'backend-journey';

/** Signed JWTs (HS256): any process holding the secret can verify them, nothing is stored. */
export function jwtTokenService(secret: string, lifetime = '7d'): TokenService {
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
