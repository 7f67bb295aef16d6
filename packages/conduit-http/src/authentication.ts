import { Unauthorized } from '@journey/conduit-rules';
import type { FastifyRequest } from 'fastify';

/**
 * Turns a token into the signed-in user's id, or null when it is not valid. Whether a token is good
 * is each pattern's business (a module, an application service, a use case); reading the header is HTTP's.
 */
export type TokenVerifier = (token: string) => Promise<number | null>;

export interface Authentication {
  /** 401 unless the request carries a valid token. */
  required(request: FastifyRequest): Promise<void>;
  /**
   * Anonymous is fine, and a token this server cannot verify (expired, signed elsewhere, garbage, another
   * scheme) proves nobody, so it reads as anonymous too. A 401 here would make a RealWorld front-end drop
   * the user's session on its home page because of a stale token in storage (issue 12, finding 5).
   */
  optional(request: FastifyRequest): Promise<void>;
}

const SCHEME = /^(?:Token|Bearer) ([A-Za-z0-9_.-]+)$/;

/** Pre-handlers that set `request.viewerId` from the Authorization header. */
export function authenticateWith(verify: TokenVerifier): Authentication {
  async function viewerOf(request: FastifyRequest): Promise<number | null> {
    const header = request.headers.authorization;
    if (header === undefined || header === '') return null;
    const token = SCHEME.exec(header)?.[1];
    if (!token) throw new Unauthorized('Authorization header must be "Token <jwt>"');
    const userId = await verify(token);
    if (userId === null) throw new Unauthorized('token is invalid or expired');
    return userId;
  }
  return {
    async required(request) {
      request.viewerId = await viewerOf(request);
      if (request.viewerId === null) throw new Unauthorized('this endpoint requires a token');
    },
    async optional(request) {
      request.viewerId = await viewerOf(request).catch((error: unknown) => {
        if (!(error instanceof Unauthorized)) throw error;
        request.log.debug(
          { reason: error.message },
          'unverifiable token on an optional-auth route: anonymous',
        );
        return null;
      });
    },
  };
}
