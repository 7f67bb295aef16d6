import {
  type FieldErrors,
  Forbidden,
  messages,
  NotFound,
  Unauthorized,
  ValidationFailed,
} from '@journey/conduit-rules';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type SchemaIssue = NonNullable<FastifyError['validation']>[number];

export const errorBody = (key: string, message: string) => ({ errors: { [key]: [message] } });

/** Every failure leaves as the RealWorld shape `{"errors":{key:[messages]}}` — never a stack, never HTML. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('route', `${request.method} ${request.url.split('?')[0]} does not exist`)),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) return reply.code(422).send({ errors: fieldErrors(error.validation) });
    if (error instanceof ValidationFailed) return reply.code(422).send({ errors: error.errors });
    if (error instanceof NotFound) return reply.code(404).send(errorBody(error.what, 'not found'));
    if (error instanceof Forbidden) return reply.code(403).send(errorBody('body', error.message));
    if (error instanceof Unauthorized) return reply.code(401).send(errorBody('token', error.message));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON (400), body too large (413), media type (415); or
      // one that names its field, like an Idempotency-Key held by a request still in progress (409).
      const field = (error as { field?: string }).field ?? 'body';
      return reply.code(status).send(errorBody(field, clientMessage(error)));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('body', 'internal error, see the server log'));
  });
}

/**
 * The router's own failures, before any route runs (Fastify's `frameworkErrors`). A path parameter
 * longer than any id we issue names nothing that can exist: 404, like any unknown slug. A malformed
 * percent-encoding is the client's 400.
 */
export function routerError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return reply.code(404).send(errorBody('route', 'a path parameter is longer than any existing id'));
  }
  return reply.code(400).send(errorBody('route', 'the URL is not validly encoded'));
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'is not valid JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'must be sent as application/json';
    default:
      return error.message;
  }
}

/** Schema failures keyed by the field they are about, in the spec's wording where it has one. */
function fieldErrors(issues: SchemaIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const params = issue.params as { type?: string; missingProperty?: string; limit?: number };
    // A nullable field fails both branches of its anyOf; the string branch's message is the useful one.
    if (issue.keyword === 'anyOf' || (issue.keyword === 'type' && params.type === 'null')) continue;
    const path = issue.instancePath.split('/').filter((part) => part !== '' && !/^\d+$/.test(part));
    const field = params.missingProperty ?? path.at(-1) ?? 'body';
    errors[field] = [...(errors[field] ?? []), describe(issue.keyword, params, field, issue.message)];
  }
  return errors;
}

function describe(
  keyword: string,
  params: { type?: string; limit?: number },
  field: string,
  fallback?: string,
) {
  switch (keyword) {
    case 'required':
      return messages.blank;
    case 'type':
      return field === 'body'
        ? 'must be a JSON object'
        : `must be ${params.type === 'array' ? 'an array' : `a ${params.type}`}`;
    case 'maxLength':
      return `is too long (maximum is ${params.limit} characters)`;
    case 'pattern':
      // The contract's only pattern is the one that refuses NUL characters.
      return 'must not contain NUL characters';
    case 'maxItems':
      return `has too many items (maximum is ${params.limit})`;
    default:
      return fallback ?? 'is invalid';
  }
}
