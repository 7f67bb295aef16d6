import type { FastifyRequest } from 'fastify';
import { type Application, Unauthorized } from '../application/index.js';

export interface Authentication {
  /** 401 unless the request carries a valid token. */
  required(request: FastifyRequest): Promise<void>;
  /** Anonymous is fine, but a token that is sent must be valid: a stale token is a client bug worth showing. */
  optional(request: FastifyRequest): Promise<void>;
}

const SCHEME = /^(?:Token|Bearer) ([A-Za-z0-9_.-]+)$/;

/** Reading the header is HTTP's business; whether the token is good is the application's. */
export function authentication(auth: Application['auth']): Authentication {
  async function viewerOf(request: FastifyRequest): Promise<number | null> {
    const header = request.headers.authorization;
    if (header === undefined || header === '') return null;
    const token = SCHEME.exec(header)?.[1];
    if (!token) throw new Unauthorized('Authorization header must be "Token <jwt>"');
    return auth.viewerOf(token);
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
