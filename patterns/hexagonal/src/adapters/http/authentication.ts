import type { FastifyRequest } from 'fastify';
import type { Conduit } from '../../application/ports/driving/use-cases.port.js';
import { Unauthorized } from '../../domain/errors.js';

export interface Authentication {
  /** 401 unless the request carries a valid token. */
  required(request: FastifyRequest): Promise<void>;
  /** Anonymous is fine, but a token that is present must be valid (a stale token is a client bug worth surfacing). */
  optional(request: FastifyRequest): Promise<void>;
}

const SCHEME = /^(?:Token|Bearer) ([A-Za-z0-9_.-]+)$/;

/** Reading the header is HTTP's business; deciding whether the token is good is the core's (`authenticate`). */
export function authentication(conduit: Pick<Conduit, 'authenticate'>): Authentication {
  async function viewerOf(request: FastifyRequest): Promise<number | null> {
    const header = request.headers.authorization;
    if (header === undefined || header === '') return null;
    const token = SCHEME.exec(header)?.[1];
    if (!token) throw new Unauthorized('Authorization header must be "Token <jwt>"');
    return conduit.authenticate(token);
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
