import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';

export type ControlPlaneServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** `{"errors":{key:[messages]}}`, the RealWorld shape every process of the lab answers refusals in. */
export const errorsBody = (key: string, messages: string[]) => ({ errors: { [key]: messages } });

/**
 * Plain Fastify: the control plane's API is internal plumbing (pods and the `journey mesh` command),
 * but it refuses in the lab's one shape. Bad input is a 4xx that says what is wrong, never a 500.
 */
export function createControlPlaneServer(log: FastifyBaseLogger): ControlPlaneServer {
  const app = Fastify({
    loggerInstance: log,
    // A field the contract does not have is a pod's mistake to hear about, not to drop silently; and
    // every problem at once, so one failed start shows them all.
    ajv: { customOptions: { coerceTypes: false, allErrors: true, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(errorsBody('route', [`${request.method} ${request.url.split('?')[0]} does not exist`])),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const problems = error.validation.map(
        (issue) => `${issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'body'} ${issue.message}`,
      );
      return reply.code(400).send(errorsBody('body', problems));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return reply.code(status).send(errorsBody('body', [clientMessage(error)]));
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorsBody('mesh-control', ['internal error, see the mesh-control log']));
  });
  return app;
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'is not valid JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'must be sent as application/json (a registration) or application/yaml (a policy)';
    default:
      return error.message;
  }
}
