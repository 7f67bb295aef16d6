import type { FastifyRequest } from 'fastify';
import type { TokenService } from '../modules/users/index.js';
import { Unauthorized } from '../shared/errors.js';

export interface Authenticated {
  /** 401 unless the request carries a valid token. */
  required(request: FastifyRequest): Promise<void>;
  /** Anonymous is fine, but a token that is present must be valid (a stale token is a client bug worth surfacing). */
  optional(request: FastifyRequest): Promise<void>;
}

const SCHEME = /^(?:Token|Bearer) ([A-Za-z0-9_.-]+)$/;

export function authentication(tokens: TokenService): Authenticated {
  async function viewerOf(request: FastifyRequest): Promise<number | null> {
    const header = request.headers.authorization;
    if (header === undefined || header === '') return null;
    const token = SCHEME.exec(header)?.[1];
    if (!token) throw new Unauthorized('Authorization header must be "Token <jwt>"');
    const userId = await tokens.verify(token);
    if (userId === null) throw new Unauthorized('token is invalid or expired');
    return userId;
  }

  return {
    async required(request) {
      request.viewerId = await viewerOf(request);
      if (request.viewerId === null) throw new Unauthorized('this endpoint requires a token');
    },
    async optional(request) {
      request.viewerId = await viewerOf(request);
    },
  };
}
