import { errorBody } from '@journey/conduit-http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RULES } from './registry.schemas.js';
import { RegistryFullError } from './registry-table.js';

type SchemaIssue = NonNullable<FastifyError['validation']>[number];

/**
 * Every refusal leaves in one shape, `{"errors":{field:[message]}}` (the RealWorld shape, via
 * @journey/conduit-http): 422 for a request that parses but breaks a rule, 400/413/415 for one that
 * does not parse, 404 for a route or service that is not there, 503 when the table is full.
 */
export function registerErrorHandling(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('route', `${request.method} ${request.url.split('?')[0]} does not exist`)),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const [field, message] = describeIssue(error.validation[0]!, error.validationContext);
      return reply.code(422).send(errorBody(field, message));
    }
    if (error instanceof RegistryFullError) return reply.code(503).send(errorBody('registry', error.message));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return reply.code(status).send(errorBody('body', clientMessage(error)));
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('registry', 'internal error, see the registry log'));
  });
}

/** The router's own refusals, before any route runs: a path longer than any name, or a malformed encoding. */
export function routerError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return reply
      .code(422)
      .send(errorBody('route', 'a path parameter is longer than any name or id the registry keeps'));
  }
  return reply.code(400).send(errorBody('route', 'the URL is not validly encoded'));
}

function describeIssue(issue: SchemaIssue, context: string | undefined): [string, string] {
  const params = issue.params as { missingProperty?: string };
  const path = issue.instancePath.split('/').filter((part) => part !== '' && !/^\d+$/.test(part));
  const field = params.missingProperty ?? path[0] ?? 'body';
  const where = context === 'params' ? ' (in the path)' : context === 'querystring' ? ' (in the query)' : '';
  if (field === 'body') return ['body', 'must be a JSON object'];
  if (issue.keyword === 'required') return [field, `is required${where}: ${ruleOf(field, context)}`];
  return [field, `${ruleOf(field, context)}${where}`];
}

const ruleOf = (field: string, context: string | undefined) =>
  context === 'querystring' && field === 'version'
    ? RULES.major
    : (RULES[field as keyof typeof RULES] ?? 'is invalid');

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'is not valid JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'is too large for a registration';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'must be sent as application/json';
    default:
      return error.message;
  }
}
