import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The header the web app sends the per-run token in; the token itself comes from the URL the CLI prints. */
export const TOKEN_HEADER = 'x-journey-token';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const hostName = (host: string) => host.replace(/:\d+$/, '');

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The dashboard can start and kill processes, so any web page the learner has open must not be able
 * to make it do so. Three checks, each closing a different door:
 * - the Host header must name the loopback interface, so a DNS-rebinding page (evil.example resolving
 *   to 127.0.0.1) is refused even for reads;
 * - a state-changing request from a browser must carry an Origin equal to the dashboard's own;
 * - every state-changing request must carry the per-run token, which only the terminal printed.
 */
export function requestGuard(token: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const host = request.headers.host ?? '';
    if (!LOOPBACK_HOSTS.has(hostName(host))) {
      return reply
        .code(403)
        .send({ error: `the dashboard answers only on 127.0.0.1/localhost, not "${host}"` });
    }
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      return reply.code(403).send({ error: `requests from ${origin} may not change the lab` });
    }
    if (!sameToken(request.headers[TOKEN_HEADER], token)) {
      return reply
        .code(401)
        .send({ error: 'missing or wrong dashboard token: open the URL the terminal printed' });
    }
  };
}
