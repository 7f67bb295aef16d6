import { Unauthorized } from '@journey/conduit-rules';
import type { FastifyRequest } from 'fastify';

/**
 * pattern: behind a gateway (microservices, event-driven), the gateway verifies the token once and
 * forwards who the caller is on this header (ADR 0006). Services trust it because only the gateway and
 * other services can reach them; the gateway never copies a client's headers, so a client cannot set it.
 */
export const VIEWER_HEADER = 'x-journey-viewer-id';

/** The headers that make a call on behalf of `viewerId` (none for an anonymous call). */
export const viewerHeaders = (viewerId: number | null | undefined): Record<string, string> =>
  viewerId == null ? {} : { [VIEWER_HEADER]: String(viewerId) };

/** The forwarded user id, or null for an anonymous call (or a header that is not an id). */
export function viewerOf(request: FastifyRequest): number | null {
  const raw = request.headers[VIEWER_HEADER];
  if (typeof raw !== 'string' || !/^[1-9]\d{0,14}$/.test(raw)) return null;
  return Number(raw);
}

export function requireViewer(request: FastifyRequest): number {
  const id = viewerOf(request);
  if (id === null) throw new Unauthorized('this call needs the viewer forwarded by the gateway');
  return id;
}
