import type { FastifyInstance } from 'fastify';

/**
 * Fastify answers an empty body sent as `application/json` with 400; Conduit clients (and the official
 * Postman suite) send that header on bodiless POST/DELETE calls such as favorite and follow, so an
 * empty JSON body means "no body" here. Anything else goes through Fastify's own parser, which also
 * guards against `__proto__` poisoning.
 */
export function acceptEmptyJsonBody(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body.toString();
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(req, text, done);
  });
}
