import type { FastifyInstance } from 'fastify';

/**
 * Conduit clients (the official Postman suite among them) send `Content-Type: application/json`
 * with an empty body on bodiless POST/DELETE calls such as favorite and follow; Fastify would answer
 * 400. Here an empty JSON body means "no body"; anything else goes to Fastify's own parser, which
 * also guards against `__proto__` poisoning.
 */
export function acceptEmptyJsonBody(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parse(request, text, done);
  });
}
