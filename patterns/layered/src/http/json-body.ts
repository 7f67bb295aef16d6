import type { FastifyInstance } from 'fastify';

/**
 * Clients, the official Postman suite among them, send `Content-Type: application/json` with no body
 * on favorite, follow and delete calls; Fastify would answer 400. Here an empty JSON body is no body,
 * and anything else goes to Fastify's own parser (which also refuses `__proto__` poisoning).
 */
export function acceptEmptyJsonBodies(server: FastifyInstance) {
  const parse = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') done(null, undefined);
    else parse(request, text, done);
  });
}
