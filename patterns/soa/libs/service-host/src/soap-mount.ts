import type { ConduitServer } from '@journey/conduit-http';
import type { SoapEndpoint } from '@journey/soa-soap-kit';

/**
 * Mounts a SOAP endpoint on the service's Fastify server: GET (`?wsdl`, `?xsd=`) and POST at its path.
 * The kit must read the body itself, through its XML guard, so in this scope Fastify parses nothing
 * (a parser for every media type that leaves the stream unread) and the reply is hijacked: the kit
 * writes the raw response. The route stays a Fastify route, so the server's instrumentation still
 * gives it a span continuing the caller's `traceparent` and its duration metrics (both are hooks on
 * the request's start and the raw response's end, which a hijacked reply still has).
 */
export async function mountSoapEndpoint(app: ConduitServer, endpoint: SoapEndpoint): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _body, done) => done(null));
    scope.route({
      method: ['GET', 'POST'],
      url: endpoint.path,
      handler: (request, reply) => {
        reply.hijack();
        return endpoint.handle(request.raw, reply.raw);
      },
    });
  });
}
